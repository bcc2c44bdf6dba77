package app.rapport.platform.testing;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * docs/roles.md, read by each service's roles test and walked against the running service, so the
 * documented matrix and the {@code @Secured} annotations cannot drift (ADR 0008). A {@code yes} must
 * get past security (any answer but 401/403: a made-up id is a 404, an empty body a 400); a
 * {@code —} must be a 403; without a token every endpoint is a 401.
 */
public final class RoleMatrix {

    public static final List<String> ROLES = List.of("staff", "clinician", "group-admin", "ops");

    /**
     * One documented row: an endpoint, what its body is (JSON unless the row names another type after
     * the path, as a CSV import does: a body it does not take never reaches security) and, per role,
     * whether that role may call it.
     */
    public record Row(String method, String path, String contentType, Map<String, Boolean> allowed) {
    }

    private RoleMatrix() {
    }

    /** The rows of one service's table; the test runs in the module's folder, docs/ is beside it. */
    public static List<Row> of(String service) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of("..", "docs", "roles.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            rows.add(new Row(endpoint[0], endpoint[1],
                    endpoint.length > 2 ? endpoint[2].replaceAll("[()]", "") : MediaType.APPLICATION_JSON, allowed));
        }
        return rows;
    }

    /** Every cell of the service's table that the running service answers otherwise, as "METHOD path as role: status". */
    public static List<String> mismatches(HttpClient http, String service, String clinic) {
        List<String> mismatches = new ArrayList<>();
        for (Row row : of(service)) {
            for (String role : ROLES) {
                int status = status(http, row.method(), row.path(), row.contentType(), TestTokens.bearer(clinic, role));
                boolean passed = status != 401 && status != 403;
                if (passed != row.allowed().get(role)) {
                    mismatches.add(row.method() + " " + row.path() + " as " + role + ": " + status);
                }
            }
            int anonymous = status(http, row.method(), row.path(), row.contentType(), null);
            if (anonymous != 401) {
                mismatches.add(row.method() + " " + row.path() + " anonymously: " + anonymous);
            }
        }
        return mismatches;
    }

    /** The status of one call with placeholders filled by made-up values and, for a write, an empty JSON body. */
    public static int status(HttpClient http, String method, String path, String bearer) {
        return status(http, method, path, MediaType.APPLICATION_JSON, bearer);
    }

    public static int status(HttpClient http, String method, String path, String contentType, String bearer) {
        String concrete = path.replace("{id}", UUID.randomUUID().toString()).replace("{kind}", "THANK_YOU")
                .replace("{name}", "no-such-plugin").replace("{focus}", "no-such-focus").replace("{format}", "pdf");
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.valueOf(method), concrete);
        if (method.equals("POST") || method.equals("PUT")) {
            request.body(contentType.equals(MediaType.APPLICATION_JSON) ? Map.of() : "").contentType(contentType);
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
