package app.rapport.contacts.messaging;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventBatch;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The golden samples of other services' events, fed through the real broker: referral counts and
 * dates, REFERRING on the first referral, last contact from outreach and reports, exactly once.
 */
@MicronautTest(transactional = false)
class PartnerActivityEventsTest extends ContactsApi {

    @Inject
    ReferralsHandler referrals;
    @Inject
    TransactionOperations<Connection> transactions;

    /** The partner id the golden samples name; each test swaps in a practitioner of its own. */
    private static final String SAMPLE_PARTNER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    private static final String SAMPLE_SENT_TO = "cc7cca8f-a006-477b-ac48-4f22db6f65e6";

    private String partnerAt(String clinic, String stage) {
        Map<String, Object> p = practitioner("Maya", "Okafor", "OB_GYN");
        p.put("phone", uniquePhone()); // two Dr. Okafors in one clinic are told apart by their phones
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
        EventEnvelope received = sample("ReferralReceived.v2", clinic, id);

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
        send(Topics.REFERRALS, GoldenSamples.event("ReferralReceived.v2", clinic,
                Map.of(SAMPLE_PARTNER, id, "2025-03-03", "2025-04-11")));
        await().atMost(WAIT).until(() -> Integer.valueOf(2).equals(partner(clinic, id).get("referralsReceived")));
        assertThat(partner(clinic, id)).containsEntry("firstReferralReceivedOn", "2025-03-03")
                .containsEntry("lastReferralReceivedOn", "2025-04-11").containsEntry("version", 2);
        // The redelivered copy sat between the two on the same partition: had it counted, this would be 3.
        await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() ->
                Integer.valueOf(2).equals(partner(clinic, id).get("referralsReceived"))
                        && eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
    }

    /**
     * A poll's referrals are counted per partner (one locked read and one update each, however many
     * name them), and the partner ends as it would have had each been applied on its own: the same
     * counts, first and last days, stage, version and one stage change.
     */
    @Test
    void aPollsReferralsCountedTogetherLeaveEachPartnerAsCountingThemOneByOneWould() {
        String clinic = TestClinics.unique("bremerton");
        String together = partnerAt(clinic, "MET");
        String alsoTogether = partnerAt(clinic, "REFERRING");
        String oneByOne = partnerAt(clinic, "MET");
        String alsoOneByOne = partnerAt(clinic, "REFERRING");

        transactions.executeWrite(status -> {
            referrals.applyAll(EventBatch.of(poll(clinic, together, alsoTogether)));
            return null;
        });
        transactions.executeWrite(status -> {
            poll(clinic, oneByOne, alsoOneByOne).forEach(referrals::apply);
            return null;
        });

        assertThat(partner(clinic, together)).containsEntry("referralsReceived", 3).containsEntry("referralsSent", 1)
                .containsEntry("firstReferralReceivedOn", "2025-03-03").containsEntry("lastReferralReceivedOn", "2025-03-09")
                .containsEntry("firstReferralSentOn", "2025-02-01").containsEntry("stage", "REFERRING");
        assertThat(partner(clinic, alsoTogether)).containsEntry("referralsReceived", 1).containsEntry("stage", "REFERRING");
        for (String[] twins : new String[][]{{together, oneByOne}, {alsoTogether, alsoOneByOne}}) {
            assertThat(counted(partner(clinic, twins[0]))).isEqualTo(counted(partner(clinic, twins[1])));
            assertThat(history(clinic, twins[0])).extracting(h -> h.get("to"), h -> h.get("reason"))
                    .isEqualTo(history(clinic, twins[1]).stream().map(h -> org.assertj.core.groups.Tuple.tuple(h.get("to"),
                            h.get("reason"))).toList());
        }
        assertThat(history(clinic, together)).last().satisfies(h -> assertThat(h).containsEntry("to", "REFERRING")
                .containsEntry("reason", "First referral received"));
        await().atMost(WAIT).until(() -> eventsAbout(together, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1
                && eventsAbout(oneByOne, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
    }

    /** Out of order and mixed, as a poll brings them: three received from one partner, one sent to it, one from another. */
    private static List<InboundEvent<InboundActivity.ReferralActivity>> poll(String clinic, String busy, String other) {
        return List.of(received(clinic, busy, "2025-03-05"), received(clinic, other, "2025-04-01"),
                received(clinic, busy, "2025-03-03"), sent(clinic, busy, "2025-02-01"), received(clinic, busy, "2025-03-09"));
    }

    private static InboundEvent<InboundActivity.ReferralActivity> received(String clinic, String partner, String on) {
        return inbound(clinic, EventTypes.REFERRAL_RECEIVED,
                new InboundActivity.ReferralReceived(UUID.randomUUID().toString(), partner, LocalDate.parse(on)));
    }

    private static InboundEvent<InboundActivity.ReferralActivity> sent(String clinic, String partner, String on) {
        return inbound(clinic, EventTypes.REFERRAL_SENT,
                new InboundActivity.ReferralSent(UUID.randomUUID().toString(), partner, LocalDate.parse(on)));
    }

    private static InboundEvent<InboundActivity.ReferralActivity> inbound(String clinic, String type,
                                                                          InboundActivity.ReferralActivity payload) {
        return new InboundEvent<>(new EventEnvelope(UUID.randomUUID().toString(), type, "referrals-service",
                Instant.parse("2025-04-02T10:00:00Z"), UUID.randomUUID().toString(), clinic, "{}"), payload, null);
    }

    /** What counting changes on a partner. */
    private static Map<String, Object> counted(Map<String, Object> partner) {
        Map<String, Object> c = new java.util.TreeMap<>();
        for (String f : List.of("referralsReceived", "referralsSent", "firstReferralReceivedOn", "lastReferralReceivedOn",
                "firstReferralSentOn", "lastReferralSentOn", "stage", "version")) {
            c.put(f, partner.get(f));
        }
        return c;
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
    void outreachDoneReportsAndStatusUpdatesSentMoveTheLastContactForwardNeverBack() {
        String clinic = TestClinics.unique("olympia");
        String id = partnerAt(clinic, "MET");

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

        // A status update about a referral ("accepted", "scheduled") is contact too; neither moves the stage.
        send(Topics.REPORTS, GoldenSamples.event("StatusUpdateSent.v1", clinic, Map.of(SAMPLE_PARTNER, id,
                "2025-03-04T18:20:11.357Z", "2025-03-12T16:45:00Z")));
        await().atMost(WAIT).until(() -> "2025-03-12T16:45:00Z".equals(partner(clinic, id).get("lastContactAt")));
        assertThat(partner(clinic, id)).containsEntry("stage", "MET").containsEntry("version", 1);
    }

    private List<Map<String, Object>> history(String clinic, String id) {
        return http.toBlocking().retrieve(HttpRequest.GET("/api/v1/practitioners/" + id + "/stage-history")
                .header("Authorization", app.rapport.platform.testing.TestTokens.bearer(clinic, "staff")), Argument.listOf(JSON_MAP));
    }

    /** OutreachTaskCreated as outreach-service's quiet-partner rule writes it: a CHECK_IN named by the rule. */
    private static EventEnvelope quietPartnerCheckIn(String clinic, String partnerId, String rule) {
        return GoldenSamples.event("OutreachTaskCreated.v1", clinic, Map.of(SAMPLE_PARTNER, partnerId,
                "\"type\":\"THANK_YOU\"", "\"type\":\"CHECK_IN\"", "\"rule\":\"ThankYou\"",
                rule == null ? "\"rule\":null" : "\"rule\":\"" + rule + "\"", "\"channel\":\"HANDWRITTEN_NOTE\"",
                "\"channel\":\"PHONE\""));
    }

    @Test
    void theFirstOutreachDoneMakesAProspectContactedOnceByTheSystemAndNeverMovesALaterStageBack() {
        String clinic = TestClinics.unique("lacey");
        String prospect = partnerAt(clinic, "PROSPECT");
        String referring = partnerAt(clinic, "REFERRING");
        EventEnvelope done = sample("OutreachTaskCompleted.v1", clinic, prospect);
        send(Topics.OUTREACH_ACTIVITIES, done);
        send(Topics.OUTREACH_ACTIVITIES, done); // redelivered

        await().atMost(WAIT).until(() -> "CONTACTED".equals(partner(clinic, prospect).get("stage")));
        assertThat(partner(clinic, prospect)).containsEntry("version", 2)
                .containsEntry("lastContactAt", "2025-03-04T21:18:44Z");
        assertThat(history(clinic, prospect)).extracting(h -> h.get("from"), h -> h.get("to"), h -> h.get("changedBy"),
                h -> h.get("reason")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, "PROSPECT", "tester@" + clinic, "Entered the directory"),
                org.assertj.core.groups.Tuple.tuple("PROSPECT", "CONTACTED", "system", "First outreach completed"));
        await().atMost(WAIT).until(() -> eventsAbout(prospect, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
        String payload = eventsAbout(prospect, EventTypes.PRACTITIONER_STAGE_CHANGED).get(0).payload();
        assertThat(GoldenSamples.shapeDifferences("PractitionerStageChanged.v1", payload)).isEmpty();
        assertThat(read(payload)).containsEntry("from", "PROSPECT").containsEntry("to", "CONTACTED")
                .containsEntry("changedBy", "system");

        // Another task done later is contact only; a referring partner's task done moves nothing back.
        send(Topics.OUTREACH_ACTIVITIES, GoldenSamples.event("OutreachTaskCompleted.v1", clinic,
                Map.of(SAMPLE_PARTNER, prospect, "2025-03-04T21:18:44.095Z", "2025-04-01T15:00:00Z")));
        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCompleted.v1", clinic, referring));
        await().atMost(WAIT).until(() -> "2025-04-01T15:00:00Z".equals(partner(clinic, prospect).get("lastContactAt"))
                && partner(clinic, referring).get("lastContactAt") != null);
        assertThat(partner(clinic, prospect)).containsEntry("stage", "CONTACTED").containsEntry("version", 2);
        assertThat(partner(clinic, referring)).containsEntry("stage", "REFERRING").containsEntry("version", 1);
        assertThat(eventsAbout(prospect, EventTypes.PRACTITIONER_STAGE_CHANGED)).hasSize(1);
    }

    @Test
    void theQuietPartnerRulesCheckInMakesAWarmPartnerDormantAndTheirNextReferralBringsThemBack() {
        String clinic = TestClinics.unique("puyallup");
        String referring = partnerAt(clinic, "MET");
        send(Topics.REFERRALS, sample("ReferralReceived.v2", clinic, referring));
        await().atMost(WAIT).until(() -> "REFERRING".equals(partner(clinic, referring).get("stage")));
        EventEnvelope checkIn = quietPartnerCheckIn(clinic, referring, "Dormant");
        send(Topics.OUTREACH_ACTIVITIES, checkIn);
        send(Topics.OUTREACH_ACTIVITIES, checkIn); // redelivered

        await().atMost(WAIT).until(() -> "DORMANT".equals(partner(clinic, referring).get("stage")));
        assertThat(history(clinic, referring).get(2)).containsEntry("from", "REFERRING").containsEntry("to", "DORMANT")
                .containsEntry("changedBy", "system")
                .containsEntry("reason", "Quiet much longer than usual: outreach proposed a check-in");
        await().atMost(WAIT).until(() -> eventsAbout(referring, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 2);
        String dormant = eventsAbout(referring, EventTypes.PRACTITIONER_STAGE_CHANGED).get(1).payload();
        assertThat(GoldenSamples.shapeDifferences("PractitionerStageChanged.v1", dormant)).isEmpty();
        assertThat(read(dormant)).containsEntry("from", "REFERRING").containsEntry("to", "DORMANT")
                .containsEntry("changedBy", "system");

        // A dormant partner who refers again is REFERRING again.
        send(Topics.REFERRALS, GoldenSamples.event("ReferralReceived.v2", clinic,
                Map.of(SAMPLE_PARTNER, referring, "2025-03-03", "2025-09-15")));
        await().atMost(WAIT).until(() -> "REFERRING".equals(partner(clinic, referring).get("stage")));
        assertThat(history(clinic, referring)).hasSize(4).last().satisfies(h -> assertThat(h)
                .containsEntry("from", "DORMANT").containsEntry("changedBy", "system")
                .containsEntry("reason", "Referral received from a dormant partner"));
        assertThat(partner(clinic, referring)).containsEntry("version", 4);
        // Staff can still set any stage by hand.
        assertThat(call(HttpRequest.POST("/api/v1/practitioners/" + referring + "/stage-changes",
                Map.of("to", "MET", "reason", "Lunch with the new office manager")), clinic, "staff"))
                .containsEntry("stage", "MET");
    }

    @Test
    void aCheckInStaffCreatedOrOneForAProspectAndOtherTasksCreatedLeaveTheStageAlone() {
        String clinic = TestClinics.unique("sumner");
        String met = partnerAt(clinic, "MET");
        String prospect = partnerAt(clinic, "PROSPECT");
        send(Topics.OUTREACH_ACTIVITIES, quietPartnerCheckIn(clinic, met, null));           // staff's own check-in
        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCreated.v1", clinic, met));    // a thank-you to do
        send(Topics.OUTREACH_ACTIVITIES, quietPartnerCheckIn(clinic, prospect, "Dormant")); // never warm: stays a prospect
        // Markers on the same partition, after the three: a task done with each.
        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCompleted.v1", clinic, met));
        send(Topics.OUTREACH_ACTIVITIES, sample("OutreachTaskCompleted.v1", clinic, prospect));

        await().atMost(WAIT).until(() -> partner(clinic, met).get("lastContactAt") != null
                && "CONTACTED".equals(partner(clinic, prospect).get("stage")));
        assertThat(partner(clinic, met)).containsEntry("stage", "MET").containsEntry("version", 1);
        assertThat(history(clinic, prospect)).extracting(h -> h.get("to")).containsExactly("PROSPECT", "CONTACTED");
    }

    @Test
    void anotherClinicsEventsNeverTouchThisClinicsPartner() {
        String clinic = TestClinics.unique("bellevue");
        String other = TestClinics.unique("renton");
        String id = partnerAt(clinic, "MET");

        // Same practitioner id, other clinic in the header: not this clinic's referral.
        send(Topics.REFERRALS, sample("ReferralReceived.v2", other, id));
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
