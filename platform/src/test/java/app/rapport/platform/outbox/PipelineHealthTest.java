package app.rapport.platform.outbox;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.inbox.DeadLetters;
import app.rapport.platform.sample.Note;
import app.rapport.platform.sample.NoteEventsHandler;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline heals or says it is sick: the relay's lock on a connection of its own, dead loops
 * restarted while readiness is DOWN, deterministic SQL errors dead-lettered after the bounded
 * attempts, transient ones retried, and a failing dead-letter write held back and shown.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineHealthTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String KILL_MARKER = "kill-the-consumer-once";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver resolver;
    @Inject
    OutboxRelay relay;
    @Inject
    NoteEventsHandler handler;
    @Inject
    DeadLetters deadLetters;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = RapportTestProperties.forService("pipeline");
        props.put("rapport.consumers.max-attempts", "3");
        props.put("rapport.consumers.test-fault-marker", KILL_MARKER);
        // Long enough for a probe to see a dead loop, short enough for the test to see it healed.
        props.put("rapport.pipeline.restart-backoff", "1s");
        props.put("rapport.pipeline.max-restart-backoff", "1s");
        props.put("rapport.pipeline.stuck-after", "3s");
        return props;
    }

    @BeforeEach
    void healthyToBegin() {
        await().atMost(WAIT).until(() -> readiness().status() == 200);
    }

    @AfterEach
    void restoreSeams() {
        relay.afterSendBeforeMark = () -> { };
        deadLetters.beforeWrite = () -> { };
    }

    @Test
    void theOutboxLockIsHeldOnAConnectionOutsideThePool() throws Exception {
        await().atMost(WAIT).until(() -> relay.lockConnectionId() > 0);
        long holder = relay.lockConnectionId();
        assertThat(lockHolder()).isEqualTo(holder);
        assertThat(poolConnectionIds()).doesNotContain(holder);
    }

    @Test
    void aLostLockIsNoticedAndTakenAgainOnANewConnection() throws Exception {
        await().atMost(WAIT).until(() -> relay.lockConnectionId() > 0);
        long before = relay.lockConnectionId();
        execute("KILL " + before);

        await().atMost(WAIT).until(() -> relay.lockConnectionId() > 0 && relay.lockConnectionId() != before);
        assertThat(lockHolder()).isEqualTo(relay.lockConnectionId());
        Note note = createNote(TestClinics.unique("kent"), "after the lock came back");
        await().atMost(WAIT).until(() -> applied(note.id()) == 1);
    }

    @Test
    void aRelayKilledByAnErrorLetsGoOfItsLockIsRestartedAndReadinessIsDownMeanwhile() throws Exception {
        await().atMost(WAIT).until(() -> relay.lockConnectionId() > 0);
        long before = relay.lockConnectionId();
        double restarts = meters.get("rapport.relay.restarts").functionCounter().count();
        AtomicBoolean failing = new AtomicBoolean(true);
        relay.afterSendBeforeMark = () -> {
            if (failing.get()) {
                throw new OutOfMemoryError("simulated: the relay's thread dies");
            }
        };
        Note note = createNote(TestClinics.unique("auburn"), "relayed after the relay came back");

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> readiness().status() == 503 && readiness().body().contains("outbox-relay\":\"DEAD"));
        assertThat(meters.get("rapport.relay.alive").gauge().value()).isZero();
        // The dead relay's lock and connection are gone; only a relay that is alive again holds the lock.
        assertThat(lockHolder()).isNotEqualTo(before);
        assertThat(connectionExists(before)).isFalse();

        failing.set(false);
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        await().atMost(WAIT).until(() -> applied(note.id()) == 1);
        assertThat(meters.get("rapport.relay.restarts").functionCounter().count()).isGreaterThan(restarts);
        assertThat(meters.get("rapport.relay.alive").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aConsumerThreadKilledByAnErrorIsRestartedAndTheEventIsAppliedOnce() {
        String noteId = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(TestClinics.unique("puyallup"), noteId, "please " + KILL_MARKER));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> readiness().status() == 503 && readiness().body().contains("DEAD"));
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        await().atMost(WAIT).until(() -> applied(noteId) == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> applied(noteId) == 1);
        double restarts = meters.find("rapport.consumer.restarts").tag("handler", "platform-test.notes")
                .functionCounters().stream().mapToDouble(c -> c.count()).sum();
        assertThat(restarts).isGreaterThanOrEqualTo(1);
    }

    @Test
    void deterministicSqlErrorsReachTheDeadLetterTopicAfterTheBoundedAttempts() throws Exception {
        String clinic = TestClinics.unique("lacey");
        String tooLong = UUID.randomUUID().toString();
        String wrongInteger = UUID.randomUUID().toString();
        String mysqlWrongInteger = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, tooLong, "fail:data-too-long"));
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, wrongInteger, "fail:wrong-integer"));
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, mysqlWrongInteger, "fail:mysql-wrong-integer"));

        await().atMost(WAIT).until(() -> deadLettered(tooLong).size() == 1 && deadLettered(wrongInteger).size() == 1
                && deadLettered(mysqlWrongInteger).size() == 1);
        for (String noteId : List.of(tooLong, wrongInteger, mysqlWrongInteger)) {
            // its own three bounded attempts, plus at most one as part of its poll's batch when it shared a
            // poll with the others (the batch is rolled back and replayed one by one, ADR 0014)
            assertThat(handler.attempts.get(noteId).get()).as(noteId).isBetween(3, 4);
            assertThat(applied(noteId)).isZero();
        }
        assertThat(EventEnvelope.header(deadLettered(tooLong).get(0).headers(), DeadLetters.ERROR_CLASS))
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aLockWaitTimeoutIsRetriedPastTheBoundedAttemptsAndNeverDeadLettered() throws Exception {
        String clinic = TestClinics.unique("tumwater");
        String noteId = UUID.randomUUID().toString();
        execute("INSERT INTO test_note (id, clinic_id, text) VALUES ('" + noteId + "', '" + clinic + "', 'held')");
        try (Connection holder = rawDataSource().getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeQuery("SELECT * FROM test_note WHERE id = '" + noteId + "' FOR UPDATE").close();
            }
            KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, noteId, "fail:lock-wait"));

            await().atMost(WAIT).until(() -> handler.attempts.containsKey(noteId) && handler.attempts.get(noteId).get() > 4);
            // Waiting on the database for longer than the threshold: the consumer says it is stuck.
            await().atMost(WAIT).until(() -> readiness().status() == 503 && readiness().body().contains("STUCK"));
            assertThat(deadLettered(noteId)).isEmpty();
            holder.rollback();
        }
        await().atMost(WAIT).until(() -> applied(noteId) == 1);
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        assertThat(deadLettered(noteId)).isEmpty();
    }

    @Test
    void aFailingDeadLetterWriteIsRetriedHoldsTheRecordBackAndShowsInHealth() throws Exception {
        String clinic = TestClinics.unique("shelton");
        String key = UUID.randomUUID().toString();
        double failuresBefore = meters.get("rapport.dead.letter.write.failures").functionCounter().count();
        AtomicBoolean refusing = new AtomicBoolean(true);
        deadLetters.beforeWrite = () -> {
            if (refusing.get()) {
                throw new IllegalStateException("simulated: the dead-letter topic refuses writes");
            }
        };
        ProducerRecord<String, byte[]> valid = noteEvent(clinic, key, "hello").toRecord(Topics.PRACTITIONERS, Map.of());
        KafkaProbe.send(new ProducerRecord<>(valid.topic(), null, key, "{not json".getBytes(StandardCharsets.UTF_8),
                valid.headers()));
        // Same key, same partition: it must wait behind the poison record until its dead letter is written.
        String nextId = key;
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, nextId, "behind the poison"));

        await().atMost(WAIT).until(() -> deadLetters.failingWrites() > 0);
        await().atMost(WAIT).until(() -> readiness().status() == 503 && readiness().body().contains("dead-letters"));
        await().atMost(WAIT).until(() -> meters.get("rapport.dead.letter.write.failures").functionCounter().count()
                >= failuresBefore + 2);
        assertThat(applied(nextId)).isZero();
        assertThat(deadLettered(key)).isEmpty();

        refusing.set(false);
        await().atMost(WAIT).until(() -> applied(nextId) == 1);
        assertThat(deadLettered(key)).hasSize(1);
        await().atMost(WAIT).until(() -> readiness().status() == 200);
        assertThat(deadLetters.failingWrites()).isZero();
    }

    private record Readiness(int status, String body) {
    }

    private Readiness readiness() {
        try {
            var response = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
            return new Readiness(response.code(), response.body());
        } catch (HttpClientResponseException e) {
            return new Readiness(e.code(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    private Note createNote(String clinic, String text) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", text))
                .header("Authorization", TestTokens.bearer(clinic, "staff")), Note.class);
    }

    private static EventEnvelope noteEvent(String clinic, String noteId, String text) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventTypes.PRACTITIONER_REGISTERED, "/rapport/test",
                Instant.now(), noteId, clinic, "{\"noteId\":\"" + noteId + "\",\"text\":\"" + text + "\"}");
    }

    private List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> deadLettered(String key) {
        return KafkaProbe.records(Topics.deadLetter(Topics.PRACTITIONERS), r -> key.equals(r.key()));
    }

    private DataSource rawDataSource() {
        return resolver.resolve(dataSource);
    }

    private long applied(String noteId) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM test_applied WHERE note_id = '" + noteId + "'");
    }

    /** The server's id of the connection holding this database's outbox lock, or -1 when none holds it. */
    private long lockHolder() throws SQLException {
        return queryLong("SELECT IS_USED_LOCK(CONCAT('rapport_outbox_', DATABASE()))");
    }

    private boolean connectionExists(long id) throws SQLException {
        return queryLong("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id) > 0;
    }

    /** Every connection the pool can hand out, borrowed at once so none can hide. */
    private Set<Long> poolConnectionIds() throws SQLException {
        HikariDataSource pool = (HikariDataSource) rawDataSource();
        List<Connection> borrowed = new ArrayList<>();
        Set<Long> ids = new HashSet<>();
        try {
            for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                Connection c = pool.getConnection();
                borrowed.add(c);
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        } finally {
            for (Connection c : borrowed) {
                c.close();
            }
        }
        return ids;
    }

    private long queryLong(String sql) throws SQLException {
        try (Connection c = rawDataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            long v = rs.getLong(1);
            return rs.wasNull() ? -1 : v;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = rawDataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
