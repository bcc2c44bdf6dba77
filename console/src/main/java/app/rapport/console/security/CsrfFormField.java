package app.rapport.console.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code _csrf} field of a form-encoded or multipart body (a file upload, such as the
 * clinic's logo) from a copy, leaving the body for the controller.
 */
final class CsrfFormField {

    /** The {@code _csrf} part of a multipart body: its headers, a blank line, the value. */
    private static final Pattern MULTIPART_FIELD = Pattern.compile(
            "Content-Disposition:\\s*form-data;\\s*name=\"" + CsrfTokens.FIELD + "\"\r\n(?:[^\r\n]+\r\n)*\r\n([^\r\n]*)\r\n",
            Pattern.CASE_INSENSITIVE);

    private CsrfFormField() {
    }

    static CompletableFuture<Optional<String>> read(HttpRequest<?> request) {
        Optional<MediaType> type = request.getContentType();
        boolean form = type.map(t -> t.matches(MediaType.APPLICATION_FORM_URLENCODED_TYPE)).orElse(false);
        boolean multipart = type.map(t -> t.matches(MediaType.MULTIPART_FORM_DATA_TYPE)).orElse(false);
        if (!(form || multipart) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return server.byteBody().split().buffer().thenApply(body -> {
            try (CloseableAvailableByteBody b = body) {
                byte[] bytes = b.toByteArray();
                // A file's bytes are no UTF-8: read them one byte per char, the token is ASCII anyway.
                return form ? field(new String(bytes, StandardCharsets.UTF_8))
                        : multipartField(new String(bytes, StandardCharsets.ISO_8859_1));
            }
        });
    }

    static Optional<String> multipartField(String body) {
        Matcher m = MULTIPART_FIELD.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
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
