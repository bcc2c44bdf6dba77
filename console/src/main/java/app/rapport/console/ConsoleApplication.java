package app.rapport.console;

import io.micronaut.runtime.Micronaut;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** The staff console: server-rendered pages composed from the four services' APIs. */
public final class ConsoleApplication {

    private ConsoleApplication() {
    }

    public static void main(String[] args) {
        awaitIdentityProvider(System.getenv("RAPPORT_OIDC_ISSUER"),
                Duration.parse("PT" + envOr("RAPPORT_OIDC_STARTUP_WAIT", "120s").toUpperCase()));
        Micronaut.build(args).mainClass(ConsoleApplication.class).banner(false).start();
    }

    /**
     * Micronaut reads the provider's discovery document once, while it builds the sign-in routes
     * at start; a provider that is not up yet would leave sign-in broken until a restart. So the
     * console waits for it first, and gives up (exit 1, for the orchestrator to restart it) when
     * it never answers.
     */
    static void awaitIdentityProvider(String issuer, Duration patience) {
        if (issuer == null || issuer.isBlank()) {
            return; // the settings guard names the missing variable
        }
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(patience);
        long pause = 250;
        boolean told = false;
        while (true) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                System.err.println("The identity provider's discovery document " + discovery + " did not answer within "
                        + patience.toSeconds() + " s (RAPPORT_OIDC_STARTUP_WAIT); the console cannot sign anyone in.");
                System.exit(1);
            }
            if (!told) {
                System.err.println("Waiting for the identity provider at " + discovery + " …");
                told = true;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(pause * 2, 2000);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
