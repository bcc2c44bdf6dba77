package app.rapport.outreach;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.IdempotentRetriesContract;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Record gift" pressed again after a timeout, or a thank-you marked done twice: with the same
 * Idempotency-Key the ledger holds the gift once (so the physician's yearly allowance is charged
 * once) and the task is completed once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRetriesTest implements TestPropertyProvider, IdempotentRetriesContract {

    private static final String SAMPLE_PARTNER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    private static final String SAMPLE_REFERRAL = "b3cdda68-69ae-4307-b051-9c4ec24c51ae";
    private static final String SAMPLE_NPI = "1902847569";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new java.util.HashMap<>(RapportTestProperties.forService("outreach_retries"));
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    @Override
    public ApplicationContext applicationContext() {
        return context;
    }

    @Override
    public Creation creation(String clinic) throws Exception {
        String partner = registerPartner(clinic);
        // a gift dated after today is refused: the ledger holds what was given
        String ahead = JSON.writeValueAsString(Map.of("practitionerId", partner, "kind", "FLOWERS",
                "value", Map.of("amount", "20.00", "currency", "USD"),
                "givenOn", LocalDate.now(ZoneOffset.UTC).plusDays(20).toString()));
        return new Creation("/api/v1/gifts", staff(clinic), gift(partner, "48.60"), gift(partner, "20.00"), ahead,
                () -> gifts(clinic));
    }

    /** One gift in the ledger, so the physician's yearly allowance is charged once, and one GiftRecorded. */
    @Test
    void aRetriedGiftIsPublishedOnce() throws Exception {
        String clinic = TestClinics.unique("bellevue");
        Creation c = creation(clinic);
        String key = UUID.randomUUID().toString();

        Retries.post(http(), c.path(), c.authorization(), key, c.body());
        Retries.post(http(), c.path(), c.authorization(), key, c.body());

        assertThat(outboxEvents(clinic, EventTypes.GIFT_RECORDED)).isEqualTo(1);
    }

    @Test
    void aThankYouMarkedDoneTwiceWithOneKeyIsCompletedOnceAndAnswersTheSame() throws Exception {
        String clinic = TestClinics.unique("bellevue");
        String partner = registerPartner(clinic);
        EventEnvelope received = GoldenSamples.event("ReferralReceived.v2", clinic,
                Map.of(SAMPLE_REFERRAL, UUID.randomUUID().toString(), SAMPLE_PARTNER, partner));
        KafkaProbe.send(Topics.REFERRALS, received);
        await().atMost(Duration.ofSeconds(30)).until(() -> !tasks(clinic, partner).isEmpty());
        String task = tasks(clinic, partner).get(0).get("id").asText();
        String done = JSON.writeValueAsString(Map.of("outcome", "Card signed by Dr. Reyes and mailed"));
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http(), "/api/v1/tasks/" + task + "/complete", staff(clinic), key, done);
        Answer retry = Retries.post(http(), "/api/v1/tasks/" + task + "/complete", staff(clinic), key, done);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(retry.status()).as("the same answer, not a conflict about a task already done").isEqualTo(200);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(outboxEvents(clinic, EventTypes.OUTREACH_TASK_COMPLETED))
                .isEqualTo(1);
    }

    private long gifts(String clinic) {
        return count("SELECT COUNT(*) FROM gift WHERE clinic_id = ?", clinic);
    }

    private List<JsonNode> tasks(String clinic, String partner) throws Exception {
        String body = http().toBlocking().retrieve(HttpRequest.GET("/api/v1/tasks?practitionerId=" + partner)
                .header("Authorization", staff(clinic)), String.class);
        List<JsonNode> items = new java.util.ArrayList<>();
        JSON.readTree(body).get("items").forEach(items::add);
        return items;
    }

    private static String gift(String partner, String amount) throws Exception {
        return JSON.writeValueAsString(Map.of("practitionerId", partner, "kind", "FLOWERS",
                "value", Map.of("amount", amount, "currency", "USD"), "givenOn", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString()));
    }

    /** A partner in the directory copy, from the golden PractitionerRegistered sample with its own NPI. */
    private String registerPartner(String clinic) {
        String id = UUID.randomUUID().toString();
        EventEnvelope e = GoldenSamples.event("PractitionerRegistered.v1", clinic, Map.of(SAMPLE_PARTNER, id,
                SAMPLE_NPI, String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L))));
        KafkaProbe.send(Topics.PRACTITIONERS, e);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                count("SELECT COUNT(*) FROM processed_event WHERE event_id = ?", e.id()) > 0);
        return id;
    }

    private static String staff(String clinic) {
        return TestTokens.bearer(clinic, "staff");
    }
}
