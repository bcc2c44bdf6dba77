package app.rapport.platform.outbox;

import app.rapport.platform.events.CloudEventHeaders;
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
import io.micronaut.http.HttpRequest;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The platform's delivery promises against the real database and broker: an event written with
 * a change reaches consumers once, whatever is redelivered, crashes or cannot be read.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFlowTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxRepository outbox;
    @Inject
    NoteEventsHandler handler;

    @Override
    public Map<String, String> getProperties() {
        return RapportTestProperties.forService("platform");
    }

    @Test
    void aNoteWrittenOverHttpIsPublishedWithItsEnvelopeAndAppliedOnce() {
        String clinic = TestClinics.unique("seattle-downtown");
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        Note note = http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", "Thank Dr. Okafor"))
                .header("Authorization", TestTokens.bearer(clinic, "staff"))
                .header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"), Note.class);

        await().atMost(WAIT).until(() -> applied(note.id()).size() == 1);
        assertThat(applied(note.id())).containsExactly(clinic);

        List<ConsumerRecord<String, byte[]>> records = KafkaProbe.records(Topics.PRACTITIONERS,
                r -> note.id().equals(r.key()));
        assertThat(records).hasSize(1);
        EventEnvelope event = EventEnvelope.fromRecord(records.get(0));
        assertThat(event.type()).isEqualTo(EventTypes.PRACTITIONER_REGISTERED);
        assertThat(event.clinicId()).isEqualTo(clinic);
        assertThat(event.subject()).isEqualTo(note.id());
        assertThat(event.source()).isEqualTo("/rapport/platform-test");
        assertThat(EventEnvelope.header(records.get(0).headers(), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(event.payload()).contains("\"noteId\":\"" + note.id() + "\"");
        // The request's trace continues on the event, so the referral can be followed across services.
        assertThat(EventEnvelope.header(records.get(0).headers(), "traceparent")).startsWith("00-" + trace + "-");
        await().atMost(WAIT).until(() -> outbox.countUnpublished() == 0);
    }

    @Test
    void theSameEventDeliveredTwiceIsAppliedOnce() {
        String clinic = TestClinics.unique("tacoma");
        String noteId = UUID.randomUUID().toString();
        EventEnvelope event = noteEvent(clinic, noteId, UUID.randomUUID().toString());

        KafkaProbe.send(Topics.PRACTITIONERS, event);
        KafkaProbe.send(Topics.PRACTITIONERS, event);
        String marker = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, marker, UUID.randomUUID().toString()));

        // The marker may land on another partition, so also give the copies time to be (not) applied twice.
        await().atMost(WAIT).until(() -> applied(marker).size() == 1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> applied(noteId).size() == 1);
        assertThat(applied(noteId)).containsExactly(clinic);
    }

    @Test
    void aRelayThatDiesBetweenSendAndMarkLosesNothingAndTheRedeliveryIsAbsorbed() throws Exception {
        String clinic = TestClinics.unique("olympia");
        relay.afterSendBeforeMark = () -> {
            throw new IllegalStateException("simulated crash after the broker acknowledged");
        };
        Note note;
        try {
            note = createNote(clinic, "Lunch with the OB/GYN team");
            // The broker has the event at least once, but the row is still unmarked.
            await().atMost(WAIT).until(() -> !KafkaProbe.records(Topics.PRACTITIONERS, r -> note.id().equals(r.key())).isEmpty());
            assertThat(outbox.countUnpublished()).isGreaterThanOrEqualTo(1);
        } finally {
            relay.stop();
            relay.afterSendBeforeMark = () -> { };
        }
        relay.start(); // the "restarted" relay finds the unmarked row and sends it again

        await().atMost(WAIT).until(() -> outbox.countUnpublished() == 0);
        assertThat(KafkaProbe.records(Topics.PRACTITIONERS, r -> note.id().equals(r.key())).size()).isGreaterThanOrEqualTo(2);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> applied(note.id()).size() == 1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsApplied() {
        String clinic = TestClinics.unique("spokane");
        String poisonKey = UUID.randomUUID().toString();
        EventEnvelope valid = noteEvent(clinic, poisonKey, UUID.randomUUID().toString());
        ProducerRecord<String, byte[]> poison = valid.toRecord(Topics.PRACTITIONERS, Map.of());
        poison = new ProducerRecord<>(poison.topic(), poison.partition(), poison.key(),
                "{not json".getBytes(StandardCharsets.UTF_8), poison.headers());
        KafkaProbe.send(poison);
        String nextId = poisonKey; // same key: same partition, right behind the poison record
        EventEnvelope next = new EventEnvelope(UUID.randomUUID().toString(), EventTypes.PRACTITIONER_REGISTERED,
                "/rapport/test", Instant.now(), nextId, clinic,
                "{\"noteId\":\"" + nextId + "\",\"text\":\"after the poison\"}");
        KafkaProbe.send(Topics.PRACTITIONERS, next);

        await().atMost(WAIT).until(() -> applied(nextId).size() == 1);
        List<ConsumerRecord<String, byte[]>> dead = KafkaProbe.records(Topics.deadLetter(Topics.PRACTITIONERS),
                r -> poisonKey.equals(r.key()));
        assertThat(dead).hasSize(1);
        assertThat(EventEnvelope.header(dead.get(0).headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(Topics.PRACTITIONERS);
        assertThat(EventEnvelope.header(dead.get(0).headers(), DeadLetters.CONSUMER)).isEqualTo("platform-test.notes");
        assertThat(EventEnvelope.header(dead.get(0).headers(), DeadLetters.ERROR_CLASS)).endsWith("PoisonEventException");
        assertThat(EventEnvelope.header(dead.get(0).headers(), CloudEventHeaders.ID)).isEqualTo(valid.id());
    }

    @Test
    void recordsWithoutAClinicOrWithAnUnknownSchemaVersionAreDeadLettered() {
        String key = UUID.randomUUID().toString();
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, EventTypes.PRACTITIONER_REGISTERED.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/rapport/test".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TIME, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        KafkaProbe.send(new ProducerRecord<>(Topics.PRACTITIONERS, null, key,
                ("{\"noteId\":\"" + key + "\",\"text\":\"no clinic\"}").getBytes(StandardCharsets.UTF_8), headers));

        String clinic = TestClinics.unique("yakima");
        String v2Key = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.PRACTITIONERS, new EventEnvelope(UUID.randomUUID().toString(),
                "app.rapport.contacts.PractitionerRegistered.v2", "/rapport/test", Instant.now(), v2Key, clinic,
                "{\"noteId\":\"" + v2Key + "\",\"text\":\"from the future\"}"));

        await().atMost(WAIT).until(() ->
                KafkaProbe.records(Topics.deadLetter(Topics.PRACTITIONERS), r -> key.equals(r.key()) || v2Key.equals(r.key())).size() == 2);
        assertThat(applied(key)).isEmpty();
        assertThat(applied(v2Key)).isEmpty();
    }

    @Test
    void theClinicComesFromTheEventHeaderNeverFromThePayload() {
        String clinicA = TestClinics.unique("bellevue");
        String clinicB = TestClinics.unique("renton");
        String noteId = UUID.randomUUID().toString();
        // A payload claiming clinic A, in an event of clinic B: it is applied to B only.
        KafkaProbe.send(Topics.PRACTITIONERS, new EventEnvelope(UUID.randomUUID().toString(),
                EventTypes.PRACTITIONER_REGISTERED, "/rapport/test", Instant.now(), noteId, clinicB,
                "{\"noteId\":\"" + noteId + "\",\"text\":\"forged\",\"clinicId\":\"" + clinicA + "\"}"));

        await().atMost(WAIT).until(() -> applied(noteId).size() == 1);
        assertThat(applied(noteId)).containsExactly(clinicB);
    }

    @Test
    void aFailedEffectRollsBackTheInboxRecordSoTheEventIsRetriedAndAppliedOnce() {
        String clinic = TestClinics.unique("everett");
        String noteId = UUID.randomUUID().toString();
        handler.failNext.set(new IllegalStateException(new SQLTransientConnectionException("database went away")));
        KafkaProbe.send(Topics.PRACTITIONERS, noteEvent(clinic, noteId, UUID.randomUUID().toString()));

        await().atMost(WAIT).until(() -> applied(noteId).size() == 1);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> applied(noteId).size() == 1);
        assertThat(handler.failNext.get()).isNull();
    }

    private Note createNote(String clinic, String text) {
        return http.toBlocking().retrieve(HttpRequest.POST("/api/v1/test-notes", Map.of("text", text))
                .header("Authorization", TestTokens.bearer(clinic, "staff")), Note.class);
    }

    private static EventEnvelope noteEvent(String clinic, String noteId, String eventId) {
        return new EventEnvelope(eventId, EventTypes.PRACTITIONER_REGISTERED, "/rapport/test", Instant.now(),
                noteId, clinic, "{\"noteId\":\"" + noteId + "\",\"text\":\"hello\"}");
    }

    /** The clinics under which the note's events were applied, one entry per application. */
    private List<String> applied(String noteId) {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT clinic_id FROM test_applied WHERE note_id = ?")) {
            s.setString(1, noteId);
            try (ResultSet rs = s.executeQuery()) {
                List<String> clinics = new ArrayList<>();
                while (rs.next()) {
                    clinics.add(rs.getString(1));
                }
                return clinics;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
