package app.rapport.reports;

import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The service's HTTP API as a clinician of one clinic calls it, for the test classes that drive it end to end. */
final class ClinicianRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;

    ClinicianRequests(HttpClient http) {
        this.http = http;
    }

    JsonNode get(String clinic, String path) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.GET(path), clinic), String.class));
    }

    JsonNode post(String clinic, String path, Object body) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.POST(path, body), clinic), String.class));
    }

    JsonNode put(String clinic, String path, Object body) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.PUT(path, body), clinic), String.class));
    }

    /** The body of a GET asking for {@code accept}, e.g. a PDF or the text of an e-mail. */
    byte[] bytes(String clinic, String path, String accept) {
        return http.toBlocking().retrieve(auth(HttpRequest.GET(path).accept(MediaType.of(accept)), clinic), byte[].class);
    }

    /** A consent to disclose every report type to {@code recipient}, from {@code from} (null: today) until revoked. */
    JsonNode consent(String clinic, String patient, String recipient, String from) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientReference", patient);
        body.put("practitionerId", recipient);
        body.put("scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"));
        if (from != null) {
            body.put("validFrom", from);
        }
        body.put("obtainedVia", "WRITTEN_FORM");
        return post(clinic, "/api/v1/consents", body);
    }

    /** The HTTP status a call ends with: 200 when it succeeds. */
    static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    /** The problem+json body of a refused call. */
    static String refusal(Runnable call) {
        try {
            call.run();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode() + " " + e.getResponse().getBody(String.class).orElse("");
        }
        throw new AssertionError("the call was not refused");
    }

    private static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String clinic) {
        return request.header("Authorization", TestTokens.bearer(clinic, "clinician"));
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
