package app.rapport.console.services;

import app.rapport.console.security.StaffSession;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import io.micronaut.core.annotation.Nullable;
import java.util.StringJoiner;

/**
 * Calls the four services server-side with the signed-in person's own token and chosen clinic,
 * so every tenancy and role rule stays in the services. Answers come back as {@link Doc}s; a
 * refusal as a {@link ServiceProblem}; a token the services no longer accept as {@link SessionExpired}.
 */
@Singleton
public class ServiceClient {

    public static final String CLINIC_HEADER = "X-Rapport-Clinic";
    private static final Logger LOG = LoggerFactory.getLogger(ServiceClient.class);

    private final Map<Service, String> baseUrls = new EnumMap<>(Service.class);
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    public ServiceClient(JsonMapper json,
                         @Property(name = "rapport.console.services.contacts") String contacts,
                         @Property(name = "rapport.console.services.referrals") String referrals,
                         @Property(name = "rapport.console.services.outreach") String outreach,
                         @Property(name = "rapport.console.services.reports") String reports) {
        this.json = json;
        baseUrls.put(Service.CONTACTS, trim(contacts));
        baseUrls.put(Service.REFERRALS, trim(referrals));
        baseUrls.put(Service.OUTREACH, trim(outreach));
        baseUrls.put(Service.REPORTS, trim(reports));
    }

    public Doc get(StaffSession session, Service service, String path, Map<String, ?> query) {
        return send(session, service, "GET", path + queryString(query), null, "application/json");
    }

    public Doc get(StaffSession session, Service service, String path) {
        return get(session, service, path, Map.of());
    }

    public Doc post(StaffSession session, Service service, String path, Object body) {
        return send(session, service, "POST", path, body, "application/json");
    }

    public Doc put(StaffSession session, Service service, String path, Object body) {
        return send(session, service, "PUT", path, body, "application/json");
    }

    /**
     * A change to one record made on the version the person saw ({@code If-Match}, the record's
     * version quoted); a service that finds another version answers 412. No version: no header.
     */
    public Doc put(StaffSession session, Service service, String path, Object body, @Nullable String version) {
        return send(session, service, "PUT", path, body, "application/json", ifMatch(version));
    }

    public Doc post(StaffSession session, Service service, String path, Object body, @Nullable String version) {
        return send(session, service, "POST", path, body, "application/json", ifMatch(version));
    }

    /** The {@code If-Match} header naming {@code version}; none when the form carried no version. */
    public static Map<String, String> ifMatch(@Nullable String version) {
        return version == null || version.isBlank() ? Map.of() : Map.of("If-Match", "\"" + version.strip() + "\"");
    }

    public Doc delete(StaffSession session, Service service, String path) {
        return send(session, service, "DELETE", path, null, "application/json");
    }

    /** The partners' public intake door: nobody is signed in, so no token and no clinic header go out. */
    public Doc getAnonymous(Service service, String path) {
        return send(null, service, "GET", path, null, "application/json");
    }

    public Doc postAnonymous(Service service, String path, Object body) {
        return send(null, service, "POST", path, body, "application/json");
    }

    /** A document the service renders itself (a card or report PDF), passed through unchanged. */
    public byte[] bytes(StaffSession session, Service service, String path, String accept) {
        return bytes(session, service, path, Map.of(), accept);
    }

    /** The same, for a document chosen by its query (an analytics CSV for a date range). */
    public byte[] bytes(StaffSession session, Service service, String path, Map<String, ?> query, String accept) {
        path = path + queryString(query);
        HttpResponse<byte[]> response = exchange(session, service, "GET", path, null, accept, Map.of());
        return response.body();
    }

    private Doc send(StaffSession session, Service service, String method, String path, Object body, String accept) {
        return send(session, service, method, path, body, accept, Map.of());
    }

    private Doc send(StaffSession session, Service service, String method, String path, Object body, String accept,
                     Map<String, String> headers) {
        HttpResponse<byte[]> response = exchange(session, service, method, path, body, accept, headers);
        byte[] bytes = response.body();
        if (bytes == null || bytes.length == 0) {
            return Doc.empty();
        }
        Object parsed = parse(bytes);
        // A list answer (stage history, focus map) is read like a page: its entries under "items".
        return parsed instanceof java.util.List<?> list ? new Doc(Map.of("items", list)) : Doc.of(parsed);
    }

    private HttpResponse<byte[]> exchange(StaffSession session, Service service, String method, String path,
                                          Object body, String accept, Map<String, String> headers) {
        URI uri = URI.create(baseUrls.get(service) + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15))
                .header("Accept", accept + ", application/problem+json");
        headers.forEach(request::header);
        if (session != null) {
            request.header("Authorization", "Bearer " + session.user().accessToken());
            if (!session.clinic().equals(session.user().homeClinic())) {
                request.header(CLINIC_HEADER, session.clinic());
            }
        }
        byte[] payload = body == null ? new byte[0] : write(body);
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        if ("POST".equals(method)) {
            FormSubmission.nextKey(method, path, payload).ifPresent(key -> request.header("Idempotency-Key", key));
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            // Path only: a query may name a patient. Without a session the path carries an intake
            // link's token, which opens the partner's form: it is a credential and stays out of logs.
            LOG.warn("{} {} {} failed: {}", service.displayName(), method,
                    session == null ? "(a public intake request)" : uri.getPath(), e.toString());
            throw new ServiceProblem(503, unreachable(service));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceProblem(503, unreachable(service));
        }
        int status = response.statusCode();
        if (status == 401 && session != null) {
            throw new SessionExpired();
        }
        if (status >= 400) {
            Doc problem = Doc.of(response.body() == null || response.body().length == 0 ? Map.of() : parseQuietly(response.body()));
            Map<String, Object> withService = new LinkedHashMap<>(problem.asMap());
            withService.putIfAbsent("service", service.displayName());
            throw new ServiceProblem(status, new Doc(withService));
        }
        return response;
    }

    private static Doc unreachable(Service service) {
        return new Doc(Map.of("title", "Service unavailable", "status", 503, "service", service.displayName(),
                "detail", service.displayName() + " did not answer"));
    }

    private Object parse(byte[] bytes) {
        try {
            return json.readValue(bytes, Argument.OBJECT_ARGUMENT);
        } catch (IOException e) {
            throw new ServiceProblem(502, new Doc(Map.of("title", "Unreadable answer", "detail", e.getMessage())));
        }
    }

    private Object parseQuietly(byte[] bytes) {
        try {
            return json.readValue(bytes, Argument.OBJECT_ARGUMENT);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write request body", e);
        }
    }

    static String queryString(Map<String, ?> query) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null && !String.valueOf(v).isBlank()) {
                q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
