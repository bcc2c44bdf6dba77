package app.rapport.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One service's HTTP API, as a client sees it: status, content type, JSON body. The system tests
 * call it to check what a service answers, the console's browser tests to set up what a page then shows.
 */
public final class ServiceApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ServiceApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** An answer: {@code json} is null when the body is not JSON. */
    public record Answer(int status, String contentType, String body, JsonNode json) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        /** The text at a JSON pointer ({@code /loop/closedAt}) or a dotted path ({@code loop.closedAt}); null when absent. */
        public String text(String field) {
            JsonNode n = json == null ? null : json.at(field.startsWith("/") ? field : "/" + field.replace('.', '/'));
            return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    public Answer get(String path, String token) {
        return send("GET", path, token, null, "application/json");
    }

    public Answer post(String path, String token, Object body) {
        return send("POST", path, token, body, "application/json");
    }

    public Answer put(String path, String token, Object body) {
        return send("PUT", path, token, body, "application/json");
    }

    public Answer delete(String path, String token) {
        return send("DELETE", path, token, null, "application/json");
    }

    public Answer send(String method, String path, String token, Object body, String contentType) {
        return send(method, path, token, body, contentType, Map.of());
    }

    /** {@code body}: a String is sent as is (for malformed input), anything else as JSON. */
    public Answer send(String method, String path, String token, Object body, String contentType,
                       Map<String, String> headers) {
        try {
            String payload = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(payload));
            if (payload != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String type = response.headers().firstValue("Content-Type").orElse(null);
            JsonNode json = null;
            if (type != null && type.contains("json") && !response.body().isBlank()) {
                try {
                    json = JSON.readTree(response.body());
                } catch (IOException e) {
                    json = null;
                }
            }
            return new Answer(response.statusCode(), type, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
