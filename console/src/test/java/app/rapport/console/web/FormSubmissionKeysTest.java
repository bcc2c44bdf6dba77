package app.rapport.console.web;

import app.rapport.console.security.SignedInUser;
import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Service;
import app.rapport.console.services.ServiceClient;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's form submissions carry an Idempotency-Key derived from the form's one-time id, so
 * a form resent through another console replica (whose in-memory {@link OnceOnly} knows nothing
 * of it) still gets the service's first answer instead of acting twice.
 */
class FormSubmissionKeysTest {

    private static HttpServer service;
    private static ServiceClient client;
    /** The Idempotency-Key of each request the service got, "-" for none. */
    private static final List<String> KEYS = Collections.synchronizedList(new ArrayList<>());
    private final StaffSession session = new StaffSession(new SignedInUser("frontdesk", "Jordan Reyes", "harbor",
            List.of("harbor"), Set.of("staff"), "a-token"), "harbor", "csrf-token");

    @BeforeAll
    static void aServiceThatNotesTheKeys() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            KEYS.add(exchange.getRequestMethod() + " " + String.valueOf(exchange.getRequestHeaders().getFirst("Idempotency-Key")));
            byte[] body = "{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        String url = "http://127.0.0.1:" + service.getAddress().getPort();
        client = new ServiceClient(JsonMapper.createDefault(), url, url, url, url);
    }

    @AfterAll
    static void stop() {
        service.stop(0);
    }

    @BeforeEach
    void clear() {
        KEYS.clear();
    }

    @Test
    void theSameFormSentThroughTwoConsolesCarriesOneKey() {
        submit(new OnceOnly(), "form-7f3a", Map.of("reason", "Low back pain"));
        submit(new OnceOnly(), "form-7f3a", Map.of("reason", "Low back pain"));

        assertThat(KEYS).hasSize(2);
        assertThat(KEYS.get(0)).startsWith("POST form-").isEqualTo(KEYS.get(1));
    }

    @Test
    void aCorrectedFormOrAnotherFormIsANewKey() {
        submit(new OnceOnly(), "form-7f3a", Map.of("reason", "Low back pain"));
        submit(new OnceOnly(), "form-7f3a", Map.of("reason", "Low back and pelvic pain"));
        submit(new OnceOnly(), "form-9b21", Map.of("reason", "Low back pain"));

        assertThat(KEYS).doesNotHaveDuplicates().allMatch(k -> k.startsWith("POST form-"));
    }

    @Test
    void twoPostsOfOneSubmissionGetTwoKeysAndOnlyPostsCarryOne() {
        new OnceOnly().run(session.user().username(), "form-c0de", () -> {
            client.get(session, Service.REFERRALS, "/api/v1/referrals/r-1");
            client.post(session, Service.REFERRALS, "/api/v1/referrals/r-1/transitions", Map.of("to", "ACCEPTED"));
            client.post(session, Service.REFERRALS, "/api/v1/referrals/r-1/transitions", Map.of("to", "ACCEPTED"));
            return "/referrals/r-1";
        });
        client.post(session, Service.REFERRALS, "/api/v1/referrals", Map.of("reason", "not from a form"));

        assertThat(KEYS).hasSize(4);
        assertThat(KEYS.get(0)).isEqualTo("GET null");
        assertThat(KEYS.get(1)).startsWith("POST form-").isNotEqualTo(KEYS.get(2));
        assertThat(KEYS.get(2)).startsWith("POST form-");
        assertThat(KEYS.get(3)).isEqualTo("POST null");
    }

    private void submit(OnceOnly onceOnly, String formId, Map<String, String> body) {
        onceOnly.run(session.user().username(), formId, () -> {
            client.post(session, Service.REFERRALS, "/api/v1/referrals", body);
            return "/referrals";
        });
    }
}
