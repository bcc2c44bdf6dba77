package app.rapport.reports;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.IdempotentRetriesContract;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A clinician records the patient's consent or a pain score, the network drops, and the console
 * sends it again: with the same Idempotency-Key it is on file once.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdempotentRetriesTest implements TestPropertyProvider, IdempotentRetriesContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("reports_retries"));
        props.put("micronaut.server.port", "-1");
        return props;
    }

    @Override
    public ApplicationContext applicationContext() {
        return context;
    }

    /** A consent to send the referrer every report type: recorded once however often it is sent. */
    @Override
    public Creation creation(String clinic) throws Exception {
        Partners.Referral r = receivedReferral(clinic);
        String withoutHowObtained = JSON.writeValueAsString(Map.of("patientReference", r.patient(),
                "practitionerId", r.referrerId(), "scope", List.of("PROGRESS")));
        return new Creation("/api/v1/consents", clinician(r), consent(r, "WRITTEN_FORM"), consent(r, "VERBAL_DOCUMENTED"),
                withoutHowObtained, () -> consents(r.clinic()));
    }

    @Test
    void anotherClinicWithTheSameKeyRecordsItsOwnMeasurement() throws Exception {
        Partners.Referral olympia = receivedReferral(TestClinics.unique("olympia"));
        Partners.Referral lacey = receivedReferral(TestClinics.unique("lacey"));
        String key = UUID.randomUUID().toString();

        Answer inOlympia = Retries.post(http(), "/api/v1/measurements", clinician(olympia), key, painScore(olympia, 7));
        Answer retried = Retries.post(http(), "/api/v1/measurements", clinician(olympia), key, painScore(olympia, 7));
        Answer inLacey = Retries.post(http(), "/api/v1/measurements", clinician(lacey), key, painScore(lacey, 7));

        assertThat(inOlympia.status()).as(inOlympia.body()).isEqualTo(201);
        assertThat(retried.replayed()).isTrue();
        assertThat(inLacey.status()).isEqualTo(201);
        assertThat(inLacey.replayed()).isFalse();
        assertThat(measurements(olympia.clinic())).isEqualTo(1);
        assertThat(measurements(lacey.clinic())).isEqualTo(1);
    }

    @Test
    void aRetryOfAnImpossiblePainScoreGetsTheSameRefusal() throws Exception {
        Partners.Referral r = receivedReferral(TestClinics.unique("olympia"));
        String impossible = painScore(r, 42);
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http(), "/api/v1/measurements", clinician(r), key, impossible);
        Answer retry = Retries.post(http(), "/api/v1/measurements", clinician(r), key, impossible);

        assertThat(first.status()).isBetween(400, 422);
        assertThat(first.body()).contains("value");
        assertThat(retry.status()).isEqualTo(first.status());
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(measurements(r.clinic())).isZero();
    }

    private Partners.Referral receivedReferral(String clinic) {
        Partners.Referral r = Partners.Referral.fresh(clinic);
        Partners.referrerKnown(r);
        Partners.pcpKnown(r);
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        ClinicApi api = ClinicApi.clinician(http(), r.clinic());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/reports?referralId=" + r.referralId()).get("total").asInt() >= 2);
        return r;
    }

    private static String consent(Partners.Referral r, String obtainedVia) throws Exception {
        return JSON.writeValueAsString(Map.of("patientReference", r.patient(), "practitionerId", r.referrerId(),
                "scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"), "obtainedVia", obtainedVia));
    }

    private static String painScore(Partners.Referral r, int value) throws Exception {
        return JSON.writeValueAsString(Map.of("referralId", r.referralId(), "measure", "PAIN_NRS", "value", value,
                "measuredOn", "2025-03-03", "visitNumber", 1));
    }

    private long consents(String clinic) {
        return count("SELECT COUNT(*) FROM consent WHERE clinic_id = ?", clinic);
    }

    private long measurements(String clinic) {
        return count("SELECT COUNT(*) FROM measurement WHERE clinic_id = ?", clinic);
    }

    private static String clinician(Partners.Referral r) {
        return TestTokens.bearer(r.clinic(), "clinician");
    }
}
