package app.rapport.local;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A stand-in for a service jar in {@link ClassDataSharingTest}: answers {@code /health/readiness}
 * on {@code RAPPORT_HTTP_PORT} until SIGTERM, as the real ones do, and starts in a fraction of a second.
 */
public final class TinyService {

    private TinyService() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv("RAPPORT_HTTP_PORT"));
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/health/readiness", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        http.start();
    }
}
