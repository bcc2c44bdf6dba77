package app.rapport.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

final class Ports {

    private Ports() {
    }

    /** Fails with a message that says how to pick another port when {@code port} is taken. */
    static void requireFree(int port, String what, String option) {
        if (!isFree(port)) {
            throw new IllegalStateException(what + " cannot use port " + port + ": it is already in use"
                    + " (another deploy/local/run, or a local server?). Stop it or choose another port with "
                    + option + ".");
        }
    }

    static boolean isFree(int port) {
        // Something listening on any address (0.0.0.0 or 127.0.0.1) makes the port unusable.
        if (accepts(port)) {
            return false;
        }
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
