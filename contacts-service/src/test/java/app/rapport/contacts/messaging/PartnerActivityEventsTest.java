package app.rapport.contacts.messaging;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The golden samples of other services' events, fed through the real broker: referral counts and
 * dates, REFERRING on the first referral, last contact from outreach and reports, exactly once.
 */
@MicronautTest(transactional = false)
class PartnerActivityEventsTest extends ContactsApi {

    /** The partner id the golden samples name; each test swaps in a practitioner of its own. */
    private static final String SAMPLE_PARTNER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    private static final String SAMPLE_SENT_TO = "cc7cca8f-a006-477b-ac48-4f22db6f65e6";

    private String partnerAt(String clinic, String stage) {
        Map<String, Object> p = practitioner("Maya", "Okafor", "OB_GYN");
        p.put("stage", stage);
        return (String) create(clinic, p).get("id");
    }

    private Map<String, Object> partner(String clinic, String id) {
        return get(clinic, "/api/v1/practitioners/" + id);
    }

    private static EventEnvelope sample(String name, String clinic, String partnerId) {
        return GoldenSamples.event(name, clinic, Map.of(SAMPLE_PARTNER, partnerId, SAMPLE_SENT_TO, partnerId));
    }

    private static void send(String topic, EventEnvelope event) {
        KafkaProbe.send(topic, event);
    }

    @Test
    void theFirstReferralReceivedCountsDatesAndMakesThePartnerReferringOnceEvenWhenRedelivered() {
        String clinic = TestClinics.unique("seattle-downtown");
        String id = partnerAt(clinic, "MET");
        EventEnvelope received = sample("ReferralReceived.v1", clinic, id);

        send(Topics.REFERRALS, received);
        send(Topics.REFERRALS, received); // redelivered: same ce_id

        await().atMost(WAIT).until(() -> "REFERRING".equals(partner(clinic, id).get("stage")));
        Map<String, Object> p = partner(clinic, id);
        assertThat(p).containsEntry("referralsReceived", 1).containsEntry("firstReferralReceivedOn", "2025-03-03")
                .containsEntry("lastReferralReceivedOn", "2025-03-03").containsEntry("version", 2);

        List<Map<String, Object>> history = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/practitioners/" + id
                        + "/stage-history").header("Authorization", app.rapport.platform.testing.TestTokens.bearer(clinic, "staff")),
                Argument.listOf(JSON_MAP));
        assertThat(history.get(history.size() - 1)).containsEntry("from", "MET").containsEntry("to", "REFERRING")
                .containsEntry("changedBy", "system").containsEntry("reason", "First referral received");

        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
        EventEnvelope changed = eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).get(0);
        assertThat(changed.clinicId()).isEqualTo(clinic);
        assertThat(GoldenSamples.shapeDifferences("PractitionerStageChanged.v1", changed.payload())).isEmpty();
        assertThat(read(changed.payload())).containsEntry("from", "MET").containsEntry("to", "REFERRING")
                .containsEntry("changedBy", "system");
        // The patient on ReferralReceived never reaches the directory or its events.
        assertThat(changed.payload()).doesNotContain("Marsh").doesNotContain("1991-04-17");

        // A later referral counts and moves the last date only; the partner is already REFERRING.
        send(Topics.REFERRALS, GoldenSamples.event("ReferralReceived.v1", clinic,
                Map.of(SAMPLE_PARTNER, id, "2025-03-03", "2025-04-11")));
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(partner(clinic, id).get("referralsReceived")));
        assertThat(partner(clinic, id)).containsEntry("firstReferralReceivedOn", "2025-03-03")
                .containsEntry("lastReferralReceivedOn", "2025-04-11").containsEntry("version", 2);
        // The redelivered copy sat between the two on the same partition: had it counted, this would be 3.
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                Integer.valueOf(2).equals(partner(clinic, id).get("referralsReceived"))
                        && eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
    }

    @Test
    void referralsSentAreCountedWithTheirDatesAndLeaveTheStageAlone() {
        String clinic = TestClinics.unique("tacoma");
        String id = partnerAt(clinic, "CONTACTED");
        send(Topics.REFERRALS, sample("ReferralSent.v1", clinic, id));
        send(Topics.REFERRALS, GoldenSamples.event("ReferralSent.v1", clinic,
                Map.of(SAMPLE_SENT_TO, id, "2025-03-21", "2025-02-02")));

        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(partner(clinic, id).get("referralsSent")));
        assertThat(partner(clinic, id)).containsEntry("firstReferralSentOn", "2025-02-02")
                .containsEntry("lastReferralSentOn", "2025-03-21").containsEntry("stage", "CONTACTED")
                .containsEntry("referralsReceived", 0);
    }

    @Test
    void outreachDoneAndReportsSentMoveTheLastContactForwardNeverBack() {
        String clinic = TestClinics.unique("olympia");
        String id = partnerAt(clinic, "PROSPECT");

        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCompleted.v1", clinic, id));
        await().atMost(WAIT).until(() -> partner(clinic, id).get("lastContactAt") != null);
        assertThat(partner(clinic, id).get("lastContactAt")).isEqualTo("2025-03-04T21:18:44Z");

        // A report sent later moves it on; an outreach task done earlier (arriving late) does not move it back.
        send(Topics.REPORTS, sample("ReportSent.v1", clinic, id));
        await().atMost(WAIT).until(() -> "2025-03-07T00:31:56Z".equals(partner(clinic, id).get("lastContactAt")));
        send(Topics.OUTREACH_ACTIVITIES, GoldenSamples.event("OutreachTaskCompleted.v1", clinic,
                Map.of(SAMPLE_PARTNER, id, "2025-03-04T21:18:44.095Z", "2025-03-05T10:00:00Z")));
        EventEnvelope marker = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_PARTNER, id,
                "2025-03-07T00:31:56.448Z", "2025-03-09T08:00:00Z"));
        send(Topics.REPORTS, marker);
        await().atMost(WAIT).until(() -> "2025-03-09T08:00:00Z".equals(partner(clinic, id).get("lastContactAt")));
        assertThat(partner(clinic, id)).containsEntry("stage", "PROSPECT").containsEntry("version", 1);
    }

    @Test
    void anotherClinicsEventsNeverTouchThisClinicsPartner() {
        String clinic = TestClinics.unique("bellevue");
        String other = TestClinics.unique("renton");
        String id = partnerAt(clinic, "MET");

        // Same practitioner id, other clinic in the header: not this clinic's referral.
        send(Topics.REFERRALS, sample("ReferralReceived.v1", other, id));
        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCompleted.v1", other, id));
        // Then one of this clinic's own, which must be the only one applied.
        send(Topics.REFERRALS, sample("ReferralSent.v1", clinic, id));

        await().atMost(WAIT).until(() -> Integer.valueOf(1).equals(partner(clinic, id).get("referralsSent")));
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> {
            Map<String, Object> p = partner(clinic, id);
            return "MET".equals(p.get("stage")) && Integer.valueOf(0).equals(p.get("referralsReceived"))
                    && p.get("lastContactAt") == null;
        });
    }
}
