package app.rapport.console.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Reads the {@code _csrf} field of a form-encoded body from a copy, leaving the body for the controller. */
final class CsrfFormField {

    private CsrfFormField() {
    }

    static CompletableFuture<Optional<String>> read(HttpRequest<?> request) {
        boolean form = request.getContentType().map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
).orElse(false);
        if (!form || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return server.byteBody().split().buffer().thenApply(body -> {
            try (CloseableAvailableByteBody b = body) {
                return field(new String(b.toByteArray(), StandardCharsets.UTF_8));
            }
        });
    }

    static Optional<String> field(String formBody) {
        for (String pair : formBody.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(CsrfTokens.FIELD)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
