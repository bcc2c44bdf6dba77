package app.rapport.outreach;

import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks outreach-service's table in docs/roles.md against the running service, so the documented
 * matrix and the {@code @Secured} annotations cannot drift: a {@code yes} must get past security
 * (any answer but 401/403 — a made-up task id is a 404, an empty body a 400), a {@code —} must be 403.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachRolesTest implements TestPropertyProvider {

    private static final List<String> ROLES = List.of("staff", "clinician", "group-admin", "ops");

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("outreach"));
        props.put("micronaut.server.port", "-1");
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    /** One documented row: an endpoint and, per role, whether that role may call it. */
    record Row(String method, String path, Map<String, Boolean> allowed) {
    }

    static List<Row> matrix(String service) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "roles.md"));
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## " + service);
                continue;
            }
            if (!inSection || !line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            String[] endpoint = cells[1].trim().replace("`", "").split(" ");
            Map<String, Boolean> allowed = new HashMap<>();
            for (int i = 0; i < ROLES.size(); i++) {
                allowed.put(ROLES.get(i), cells[i + 2].trim().equals("yes"));
            }
            rows.add(new Row(endpoint[0], endpoint[1], allowed));
        }
        return rows;
    }

    @Test
    void everyRoleGetsExactlyWhatDocsRolesMdSaysOnEveryOutreachEndpoint() throws IOException {
        List<Row> rows = matrix("outreach-service");
        assertThat(rows).as("outreach-service's table in docs/roles.md").hasSizeGreaterThan(15);
        String clinic = TestClinics.unique("roles");
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows) {
            for (String role : ROLES) {
                int status = status(row, TestTokens.bearer(clinic, role));
                boolean passed = status != 401 && status != 403;
                if (passed != row.allowed().get(role)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + role + ": " + status);
                }
            }
            int anonymous = status(row, null);
            if (anonymous != 401) {
                mismatches.add(row.method() + " " + row.path() + " anonymously: " + anonymous);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void anOpsTokenCannotRecordAGiftNorDeliverATaskNorInviteAProspect() {
        String ops = TestTokens.bearer(TestClinics.unique("ops"), "ops");
        assertThat(status(new Row("POST", "/api/v1/gifts", Map.of()), ops)).isEqualTo(403);
        assertThat(status(new Row("POST", "/api/v1/tasks/{id}/deliver", Map.of()), ops)).isEqualTo(403);
        assertThat(status(new Row("POST", "/api/v1/tasks/{id}/approve", Map.of()), ops)).isEqualTo(403);
        assertThat(status(new Row("POST", "/api/v1/invitations", Map.of()), ops)).isEqualTo(403);
        // ops keep the plugins they operate
        assertThat(status(new Row("GET", "/api/v1/plugins", Map.of()), ops)).isEqualTo(200);
    }

    private int status(Row row, String bearer) {
        String path = row.path().replace("{id}", UUID.randomUUID().toString()).replace("{kind}", "THANK_YOU")
                .replace("{name}", "no-such-plugin");
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(row.method()), path);
        if (row.method().equals("POST") || row.method().equals("PUT")) {
            request.body(Map.of()).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        try {
            return http.toBlocking().exchange(request, byte[].class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
