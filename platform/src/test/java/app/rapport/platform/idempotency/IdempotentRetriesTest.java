package app.rapport.platform.idempotency;

import app.rapport.platform.sample.NoteController;
import app.rapport.platform.sample.NoteRepository;
import app.rapport.platform.testing.IdempotentRetriesContract;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Idempotency-Key mechanism every service's POSTs share, on the platform's sample notes. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRetriesTest implements TestPropertyProvider, IdempotentRetriesContract {

    private static final String NOTES = "/api/v1/test-notes";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    JsonMapper json;
    @Inject
    NoteRepository notes;
    @Inject
    ApplicationContext context;
    @Inject
    IdempotencyJanitor janitor;

    @Override
    public Map<String, String> getProperties() {
        return RapportTestProperties.forService("platform_idempotency");
    }

    @Override
    public ApplicationContext applicationContext() {
        return context;
    }

    @Override
    public Creation creation(String clinic) throws IOException {
        return new Creation(NOTES, TestTokens.bearer(clinic, "staff"), json.writeValueAsString(Map.of("text", "call back Dr. Ames")),
                json.writeValueAsString(Map.of("text", "call back Dr. Lee")), json.writeValueAsString(Map.of("text", " ")),
                () -> notes.countByClinicId(clinic));
    }

    @Test
    void aRetriedCreateRecordsItsEventOnceAndReplaysTheContentType() throws Exception {
        String clinic = TestClinics.unique("renton");
        String key = UUID.randomUUID().toString();

        post(clinic, key, Map.of("text", "call back Dr. Ames"));
        Answer retry = post(clinic, key, Map.of("text", "call back Dr. Ames"));

        assertThat(retry.replayed()).isTrue();
        assertThat(retry.contentType()).startsWith("application/json");
        assertThat(eventsOf(clinic)).isEqualTo(1);
    }

    @Test
    void anEmptyOrOverlongKeyIs400NamingTheHeaderAndWritesNothing() throws Exception {
        String clinic = TestClinics.unique("renton");
        for (String key : List.of("\"\"", "k".repeat(IdempotencyFilter.MAX_KEY_LENGTH + 1))) {
            Answer answer = post(clinic, key, Map.of("text", "never written"));
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"field\":\"Idempotency-Key\"");
        }
        assertThat(notes.countByClinicId(clinic)).isZero();
        // The draft's quoted form of a key is the same key as the bare one.
        String key = UUID.randomUUID().toString();
        post(clinic, key, Map.of("text", "quoted or not"));
        assertThat(post(clinic, "\"" + key + "\"", Map.of("text", "quoted or not")).replayed()).isTrue();
        assertThat(notes.countByClinicId(clinic)).isEqualTo(1);
    }

    @Test
    void withoutTheHeaderEveryPostRuns() throws Exception {
        String clinic = TestClinics.unique("renton");
        post(clinic, null, Map.of("text", "twice on purpose"));
        post(clinic, null, Map.of("text", "twice on purpose"));
        assertThat(notes.countByClinicId(clinic)).isEqualTo(2);
    }

    /** A 500, or a 429 asking to come back later: neither is kept, so the retry with the same key runs. */
    @Test
    void aServerErrorOrATooManyRequestsFreesTheKeySoTheRetryRuns() throws Exception {
        for (Map.Entry<String, Integer> once : Map.of(NoteController.FAIL_ONCE, 500, NoteController.BUSY_ONCE, 429).entrySet()) {
            String clinic = TestClinics.unique("renton");
            String key = UUID.randomUUID().toString();
            Map<String, String> body = Map.of("text", once.getKey() + " " + key);

            assertThat(post(clinic, key, body).status()).isEqualTo(once.getValue());
            Answer retry = post(clinic, key, body);

            assertThat(retry.status()).as(once.getKey()).isEqualTo(201);
            assertThat(retry.replayed()).isFalse();
            assertThat(notes.countByClinicId(clinic)).isEqualTo(1);
        }
    }

    @Test
    void aClaimStillRunningIs409AndOneAbandonedBeforeItsCommitIsTakenOver() throws Exception {
        String clinic = TestClinics.unique("renton");
        String running = UUID.randomUUID().toString();
        String abandoned = UUID.randomUUID().toString();
        Map<String, String> body = Map.of("text", "after a crash");
        String hash = requestHashOf(clinic, body);
        insertClaim(clinic, running, hash, Instant.now(), false);
        insertClaim(clinic, abandoned, hash, Instant.now().minus(2, ChronoUnit.MINUTES), false);

        Answer busy = post(clinic, running, body);
        Answer takenOver = post(clinic, abandoned, body);

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.retryAfter()).isEqualTo("1");
        assertThat(takenOver.status()).isEqualTo(201);
        assertThat(notes.countByClinicId(clinic)).isEqualTo(1);
        assertThat(post(clinic, abandoned, body).replayed()).isTrue();
    }

    @Test
    void keysAreForgottenAfterTheRetention() throws Exception {
        String clinic = TestClinics.unique("renton");
        String key = UUID.randomUUID().toString();
        post(clinic, key, Map.of("text", "kept a day"));
        assertThat(post(clinic, key, Map.of("text", "kept a day")).replayed()).isTrue();

        assertThat(janitor.purge(Instant.now().plus(23, ChronoUnit.HOURS))).isZero();
        assertThat(janitor.purge(Instant.now().plus(25, ChronoUnit.HOURS))).isPositive();

        assertThat(post(clinic, key, Map.of("text", "kept a day")).replayed()).isFalse();
        assertThat(notes.countByClinicId(clinic)).isEqualTo(2);
    }

    private Answer post(String clinic, String key, Map<String, String> body) throws IOException {
        return Retries.post(http, NOTES, TestTokens.bearer(clinic, "staff"), key, json.writeValueAsString(body));
    }

    /** The request hash a JSON POST of {@code body} has, taken from a claim the filter itself stored. */
    private String requestHashOf(String clinic, Map<String, String> body) throws Exception {
        String probe = UUID.randomUUID().toString();
        post(TestClinics.unique("hash-probe"), probe, body);
        try (Connection c = database();
             PreparedStatement s = c.prepareStatement("SELECT request_hash FROM idempotency_key WHERE idem_key = ?")) {
            s.setString(1, probe);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private void insertClaim(String clinic, String key, String requestHash, Instant claimedAt, boolean effect)
            throws SQLException {
        String route = "POST " + NOTES;
        try (Connection c = database(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO idempotency_key (id, scope, route, idem_key, request_hash, attempt, effect_committed,"
                        + " claimed_at, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)")) {
            s.setString(1, IdempotencyFilter.recordId(clinic, route, "{}", key));
            s.setString(2, clinic);
            s.setString(3, route);
            s.setString(4, key);
            s.setString(5, requestHash);
            s.setBoolean(6, effect);
            s.setTimestamp(7, Timestamp.from(claimedAt));
            s.setTimestamp(8, Timestamp.from(claimedAt));
            s.executeUpdate();
        }
    }

    private long eventsOf(String clinic) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE clinic_id = ?", clinic);
    }
}
