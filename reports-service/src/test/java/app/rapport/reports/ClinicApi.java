package app.rapport.reports;

import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertThrows;

/** reports-service's HTTP API as one clinic's user with one role calls it, answering JSON. */
record ClinicApi(HttpClient http, String clinic, String role) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ClinicApi clinician(HttpClient http, String clinic) {
        return new ClinicApi(http, clinic, "clinician");
    }

    ClinicApi as(String otherRole) {
        return new ClinicApi(http, clinic, otherRole);
    }

    /** The user the token names: what the service records as who did something. */
    String user() {
        return "tester@" + clinic;
    }

    JsonNode get(String path) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.GET(path)), String.class));
    }

    JsonNode post(String path, Object body) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.POST(path, body)), String.class));
    }

    JsonNode put(String path, Object body) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.PUT(path, body)), String.class));
    }

    int delete(String path) {
        return http.toBlocking().exchange(auth(HttpRequest.DELETE(path))).getStatus().getCode();
    }

    byte[] bytes(String path, String accept) {
        return http.toBlocking().retrieve(auth(HttpRequest.GET(path).accept(MediaType.of(accept))), byte[].class);
    }

    /** The refusal a call must end in; its status and problem+json body. */
    static Refusal refused(Executable call) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call);
        return new Refusal(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
    }

    record Refusal(int status, String body) {
    }

    private <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request) {
        return request.header("Authorization", TestTokens.bearer(clinic, role));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
