package app.rapport.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** "Does this URL answer 200?" — the readiness check of every HTTP child process. */
final class HttpProbe {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private HttpProbe() {
    }

    static boolean ok(String url) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls {@code url} until it answers 200; fails early when the process exits. */
    static void await(String what, String url, ChildProcess process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (process == null) {
                throw new IllegalStateException(what + " is not running");
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with code " + process.exitCode().orElse(-1)
                        + "; see " + process.logFile() + "\n--- last lines ---\n" + process.tail(40));
            }
            if (ok(url)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " was not ready within " + timeout + " (" + url + "); see "
                        + process.logFile() + "\n--- last lines ---\n" + process.tail(40));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted", e);
            }
        }
    }
}
