package app.rapport.referrals.web;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.IdempotentRetriesContract;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A front desk whose network dropped mid-save presses "save" again, or a script retries on a
 * timeout: with the same Idempotency-Key the referral, its visit or its status change exists
 * once, and so does its event (one thank-you, one report downstream).
 */
@MicronautTest(transactional = false)
class IdempotentRetriesTest extends ReferralsTestSupport implements IdempotentRetriesContract {

    @Inject
    ApplicationContext context;

    @Override
    public ApplicationContext applicationContext() {
        return context;
    }

    @Override
    public Creation creation(String clinic) throws IOException {
        String partner = partner(clinic, false);
        Map<String, Object> another = newReferral("RECEIVED", partner);
        another.put("reason", "Neck pain after a fall");
        Map<String, Object> noName = newReferral("RECEIVED", partner);
        ((Map<String, Object>) noName.get("patient")).put("firstName", " ");
        return new Creation("/api/v1/referrals", staff(clinic), json(newReferral("RECEIVED", partner)), json(another),
                json(noName), () -> count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic));
    }

    /** One referral, so one ReferralReceived: one thank-you in outreach and one report in reports. */
    @Test
    void aRetriedReceivedReferralPublishesOneReferralReceived() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        Creation c = creation(clinic);
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http, c.path(), c.authorization(), key, c.body());
        Retries.post(http, c.path(), c.authorization(), key, c.body());

        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isEqualTo(1);
        assertThat(outboxEvents(clinic, EventTypes.REFERRAL_RECEIVED)).isEqualTo(1);
        String id = (String) read(first.body()).get("id");
        assertThat(referralEvents(id, 1)).extracting(e -> e.type()).containsExactly(EventTypes.REFERRAL_RECEIVED);
    }

    @Test
    void aRetriedIntakeSubmissionIsOneReferralAndKeysArePerIntakeLink() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String partner = partner(clinic, false);
        String lakeview = (String) issue(clinic, partner).get("token");
        String northgate = (String) issue(clinic, partner).get("token");
        String body = json(submission());
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http, "/api/v1/intake/" + lakeview, null, key, body);
        Answer retry = Retries.post(http, "/api/v1/intake/" + lakeview, null, key, body);
        Answer otherLink = Retries.post(http, "/api/v1/intake/" + northgate, null, key, body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(otherLink.status()).isEqualTo(201);
        assertThat(otherLink.replayed()).isFalse();
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isEqualTo(2);
        // Kept per link on the public door, and the link's token (a credential) is stored only hashed.
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE idem_key = ? AND scope = 'public'"
                + " AND route = 'POST /api/v1/intake/{token}'", key)).isEqualTo(2);
    }

    @Test
    void aRetriedTransitionAndARetriedVisitHappenOnce() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String id = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner(clinic, false)), staff(clinic)).get("id");
        String accept = json(Map.of("to", "ACCEPTED"));
        String acceptKey = UUID.randomUUID().toString();

        Answer accepted = Retries.post(http, "/api/v1/referrals/" + id + "/transitions", staff(clinic), acceptKey, accept);
        Answer again = Retries.post(http, "/api/v1/referrals/" + id + "/transitions", staff(clinic), acceptKey, accept);

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(again.status()).as("not a 409 for an illegal ACCEPTED → ACCEPTED").isEqualTo(200);
        assertThat(again.replayed()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM referral_status_change WHERE clinic_id = ? AND referral_id = ? AND to_status = 'ACCEPTED'",
                clinic, id)).isEqualTo(1);

        transition(clinic, id, "SCHEDULED", null);
        String visit = json(Map.of("visitDate", today(), "type", "INITIAL_EVALUATION"));
        String visitKey = UUID.randomUUID().toString();
        Answer recorded = Retries.post(http, "/api/v1/referrals/" + id + "/visits", staff(clinic), visitKey, visit);
        Answer retried = Retries.post(http, "/api/v1/referrals/" + id + "/visits", staff(clinic), visitKey, visit);

        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(retried.replayed()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM visit WHERE clinic_id = ? AND referral_id = ?", clinic, id)).isEqualTo(1);
        assertThat(outboxEvents(clinic, EventTypes.VISIT_RECORDED)).isEqualTo(1);
    }

    private String json(Object body) throws IOException {
        return json.writeValueAsString(body);
    }

    private Map<String, Object> issue(String clinic, String partner) {
        return post("/api/v1/intake-links", Map.of("practitionerId", partner, "label", "Front desk",
                "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString()), staff(clinic));
    }

    private static Map<String, Object> submission() {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", new HashMap<>(Map.of("firstName", "Elena", "lastName", "Marsh", "birthDate", "1991-04-17",
                "phone", "+12065550100")));
        body.put("reason", "Low back pain at 28 weeks; please evaluate");
        body.put("urgency", "ROUTINE");
        body.put("contact", new HashMap<>(Map.of("name", "Dana Whitfield", "phone", "+12065550177")));
        return body;
    }
}
