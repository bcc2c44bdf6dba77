package app.rapport.referrals.messaging;

import app.rapport.platform.events.CloudEventHeaders;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.inbox.DeadLetters;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import app.rapport.referrals.domain.Partner;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The golden samples of other services, fed through the real broker: the directory copy and the closed loop. */
@MicronautTest(transactional = false)
class InboundEventsTest extends ReferralsTestSupport {

    private static final String SAMPLE_PRACTITIONER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    private static final String SAMPLE_ARCHIVED = "8c465c47-5a23-4cb6-bf74-b8dbc0cf9bcd";
    private static final String SAMPLE_REFERRAL = "b3cdda68-69ae-4307-b051-9c4ec24c51ae";
    private static final String SAMPLE_REPORT = "23b3f01a-882a-4c0d-b05e-3e662a0fb9db";
    private static final String SAMPLE_RECIPIENT = SAMPLE_PRACTITIONER;
    private static final String SAMPLE_UPDATE = "e8a3d5f1-0b6c-4e29-a7d4-3c1f9b2e6a80";
    private static final String SAMPLE_PROFILE = "9b7e4c2a-51d3-3f08-a6e4-2c8d0b1f7e39";
    private static final String REPORTS_CONSUMER = "referrals-service.reports";
    private static final String TIME_ZONE_CONSUMER = "referrals-service.clinic-time-zone";

    @Test
    void practitionerEventsBuildTheDirectoryCopyOlderSnapshotsAndRedeliveriesChangeNothing() {
        String clinic = TestClinics.unique("seattle-downtown");
        String id = UUID.randomUUID().toString();
        Map<String, String> ids = Map.of(SAMPLE_PRACTITIONER, id, SAMPLE_ARCHIVED, id);

        // Before the copy catches up, the partner is unknown here: 422 naming practitionerId.
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", newReferral("RECEIVED", id)), staff(clinic), 422)
                .get("errors").toString()).contains("field=practitionerId");

        EventEnvelope registered = GoldenSamples.event("PractitionerRegistered.v1", clinic, ids);
        KafkaProbe.send(Topics.PRACTITIONERS, registered);
        await().atMost(WAIT).until(() -> copy(clinic, id).isPresent());
        assertThat(copy(clinic, id).get()).satisfies(p -> {
            assertThat(p.version()).isEqualTo(1);
            assertThat(p.lastName()).isEqualTo("Okafor");
            assertThat(p.specialty()).isEqualTo("OB_GYN");
            assertThat(p.archived()).isFalse();
        });
        assertThat(post("/api/v1/referrals", newReferral("RECEIVED", id), staff(clinic))).containsEntry("status", "RECEIVED");

        // v5 first, then the older v4 arrives late: v5 stays.
        KafkaProbe.send(Topics.PRACTITIONERS, GoldenSamples.event("PractitionerStageChanged.v1", clinic, ids));
        await().atMost(WAIT).until(() -> copy(clinic, id).get().version() == 5);
        EventEnvelope updated = GoldenSamples.event("PractitionerUpdated.v1", clinic,
                Map.of(SAMPLE_PRACTITIONER, id, "Lakeview Women's Health", "Old Name Clinic"));
        KafkaProbe.send(Topics.PRACTITIONERS, updated);
        awaitApplied("referrals-service.directory", updated.id());
        assertThat(copy(clinic, id).get().version()).isEqualTo(5);
        assertThat(copy(clinic, id).get().organization()).isEqualTo("Lakeview Women's Health");

        // Archived (v7): no new referral may name them.
        EventEnvelope archived = GoldenSamples.event("PractitionerArchived.v1", clinic, ids);
        KafkaProbe.send(Topics.PRACTITIONERS, archived);
        await().atMost(WAIT).until(() -> copy(clinic, id).get().archived());
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", newReferral("SENT", id)), staff(clinic), 422)
                .get("detail").toString()).contains("archived");

        // The registration again (same ce_id) is absorbed; the copy stays archived at v7.
        KafkaProbe.send(Topics.PRACTITIONERS, registered);
        EventEnvelope marker = GoldenSamples.event("PractitionerRegistered.v1", clinic,
                Map.of(SAMPLE_PRACTITIONER, UUID.randomUUID().toString()));
        KafkaProbe.send(Topics.PRACTITIONERS, marker);
        awaitApplied("referrals-service.directory", marker.id());
        assertThat(copy(clinic, id).get()).satisfies(p -> {
            assertThat(p.version()).isEqualTo(7);
            assertThat(p.archived()).isTrue();
        });
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                "referrals-service.directory", registered.id())).isEqualTo(1);
    }

    @Test
    void eachClinicKeepsItsOwnCopyEvenOfTheSamePractitionerId() {
        String clinicA = TestClinics.unique("bellevue");
        String clinicB = TestClinics.unique("renton");
        String id = UUID.randomUUID().toString();
        KafkaProbe.send(Topics.PRACTITIONERS, GoldenSamples.event("PractitionerRegistered.v1", clinicA,
                Map.of(SAMPLE_PRACTITIONER, id)));
        KafkaProbe.send(Topics.PRACTITIONERS, GoldenSamples.event("PractitionerArchived.v1", clinicB,
                Map.of(SAMPLE_ARCHIVED, id)));

        await().atMost(WAIT).until(() -> copy(clinicA, id).isPresent() && copy(clinicB, id).isPresent());
        assertThat(copy(clinicA, id).get().archived()).isFalse();
        assertThat(copy(clinicB, id).get().archived()).isTrue();
        assertThat(post("/api/v1/referrals", newReferral("SENT", id), staff(clinicA))).containsEntry("status", "SENT");
    }

    @Test
    void theFirstReportToTheReferrerClosesTheLoopAndLaterOrRepeatedOnesChangeNothing() {
        String clinic = TestClinics.unique("tacoma");
        String partner = partner(clinic, false);
        String referralId = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner), staff(clinic)).get("id");
        String recipient = UUID.randomUUID().toString();
        String reportId = UUID.randomUUID().toString();

        EventEnvelope first = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, reportId, SAMPLE_RECIPIENT, recipient));
        KafkaProbe.send(Topics.REPORTS, first);
        await().atMost(WAIT).until(() -> get("/api/v1/referrals/" + referralId, staff(clinic)).get("loop") != null);
        Map<String, Object> loop = loop(clinic, referralId);
        assertThat(loop).containsEntry("closedBy", "REPORT").containsEntry("reportId", reportId)
                .containsEntry("sentToPractitionerId", recipient).containsEntry("recipientRole", "REFERRING_PRACTITIONER")
                .containsEntry("channel", "EMAIL").doesNotContainKey("statusUpdateId");
        assertThat((String) loop.get("closedAt")).startsWith("2025-03-07T00:31:56");

        // A later progress report, and the first one delivered again, leave the loop as it was.
        EventEnvelope later = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, UUID.randomUUID().toString(), SAMPLE_RECIPIENT, UUID.randomUUID().toString(),
                "2025-03-07T00:31:56.448Z", "2025-04-02T17:00:00.000Z", "\"INITIAL\"", "\"PROGRESS\""));
        deliverAndWait(later, REPORTS_CONSUMER);
        deliverAndWait(first, REPORTS_CONSUMER);
        assertThat(loop(clinic, referralId)).isEqualTo(loop);
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                REPORTS_CONSUMER, first.id())).isEqualTo(1);
    }

    @Test
    void aReportToThePatientsPcpAloneIsKeptButTheLoopStaysOpenUntilTheReferrerHearsBack() {
        String clinic = TestClinics.unique("renton");
        String referralId = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner(clinic, false)),
                staff(clinic)).get("id");

        EventEnvelope toPcp = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, UUID.randomUUID().toString(), SAMPLE_RECIPIENT, UUID.randomUUID().toString(),
                "\"REFERRING_PRACTITIONER\"", "\"PRIMARY_CARE\""));
        deliverAndWait(toPcp, REPORTS_CONSUMER);
        Map<String, Object> afterPcp = get("/api/v1/referrals/" + referralId, staff(clinic));
        assertThat(afterPcp).doesNotContainKey("loop");
        assertThat((String) afterPcp.get("pcpReportedAt")).startsWith("2025-03-07T00:31:56");

        // Delivered again: still open, still the same day for the PCP.
        deliverAndWait(toPcp, REPORTS_CONSUMER);
        assertThat(get("/api/v1/referrals/" + referralId, staff(clinic))).isEqualTo(afterPcp);

        // The referrer's own report, a week later, closes the loop; the PCP's day stays.
        String reportId = UUID.randomUUID().toString();
        deliverAndWait(GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, reportId, "2025-03-07T00:31:56.448Z", "2025-03-14T18:00:00.000Z")), REPORTS_CONSUMER);
        Map<String, Object> closed = get("/api/v1/referrals/" + referralId, staff(clinic));
        assertThat((Map<String, Object>) closed.get("loop")).containsEntry("reportId", reportId)
                .containsEntry("recipientRole", "REFERRING_PRACTITIONER");
        assertThat((String) ((Map<String, Object>) closed.get("loop")).get("closedAt")).startsWith("2025-03-14T18:00");
        assertThat(closed.get("pcpReportedAt")).isEqualTo(afterPcp.get("pcpReportedAt"));
    }

    @Test
    void theStatusUpdateTellingTheReferrerOfTheDeclineClosesTheLoopOtherUpdatesDoNot() {
        String clinic = TestClinics.unique("auburn");
        String referrer = partner(clinic, false);
        String referralId = (String) post("/api/v1/referrals", newReferral("RECEIVED", referrer), staff(clinic)).get("id");
        transition(clinic, referralId, "DECLINED", "Outside our scope of practice; we suggest a pelvic floor specialist");

        // The sample as stored: an ACCEPTED update, after which a report is still to come.
        EventEnvelope accepted = GoldenSamples.event("StatusUpdateSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_UPDATE, UUID.randomUUID().toString(), SAMPLE_PRACTITIONER, referrer));
        deliverAndWait(accepted, REPORTS_CONSUMER);
        assertThat(get("/api/v1/referrals/" + referralId, staff(clinic))).doesNotContainKey("loop");

        // A report to the referrer on 7 March arrives first; the DECLINED update of 4 March arrives after it.
        deliverAndWait(GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, UUID.randomUUID().toString(), SAMPLE_RECIPIENT, referrer)), REPORTS_CONSUMER);
        assertThat(loop(clinic, referralId)).containsEntry("closedBy", "REPORT");
        String updateId = UUID.randomUUID().toString();
        EventEnvelope declined = GoldenSamples.event("StatusUpdateSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_UPDATE, updateId, SAMPLE_PRACTITIONER, referrer, "\"ACCEPTED\"", "\"DECLINED\""));
        deliverAndWait(declined, REPORTS_CONSUMER);

        Map<String, Object> loop = loop(clinic, referralId);
        assertThat(loop).containsEntry("closedBy", "STATUS_UPDATE").containsEntry("statusUpdateId", updateId)
                .containsEntry("sentToPractitionerId", referrer).containsEntry("recipientRole", "REFERRING_PRACTITIONER")
                .containsEntry("channel", "EMAIL").doesNotContainKey("reportId");
        assertThat((String) loop.get("closedAt")).startsWith("2025-03-04T18:20:11");

        // The decline delivered again changes nothing.
        deliverAndWait(declined, REPORTS_CONSUMER);
        assertThat(loop(clinic, referralId)).isEqualTo(loop);
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                REPORTS_CONSUMER, declined.id())).isEqualTo(1);
    }

    @Test
    void theClinicsTimeZoneFromItsProfileDecidesTheDayAReferralWasAcceptedAndTheHighestVersionWins() {
        String clinic = TestClinics.unique("tokyo-annex");
        Map<String, Object> body = newReferral("RECEIVED", partner(clinic, false));
        body.put("referredOn", "2025-02-20");
        // Accepted at 08:00 on 3 March in Seattle, which is already 01:00 on 4 March in Tokyo.
        String id = scheduledAfterAcceptingAt(clinic, body, Instant.parse("2025-03-03T16:00:00Z"));

        // No profile yet: the configured zone (America/Los_Angeles) decides.
        assertThat((String) problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits",
                Map.of("visitDate", "2025-03-02", "type", "INITIAL_EVALUATION")), staff(clinic), 422).get("detail"))
                .contains("accepted on 2025-03-03 (America/Los_Angeles)");

        String profileId = UUID.randomUUID().toString();
        EventEnvelope v3 = GoldenSamples.event("ClinicProfileUpdated.v1", clinic, Map.of(SAMPLE_PROFILE, profileId,
                "America/Los_Angeles", "Asia/Tokyo"));
        deliverAndWait(v3, TIME_ZONE_CONSUMER);
        assertThat(visitOn(clinic, id, "2025-03-03")).contains("accepted on 2025-03-04 (Asia/Tokyo)");

        // An older profile arriving late (v2, in Seattle's zone), and v3 again, change nothing.
        deliverAndWait(GoldenSamples.event("ClinicProfileUpdated.v1", clinic, Map.of(SAMPLE_PROFILE, profileId,
                "\"version\":3", "\"version\":2")), TIME_ZONE_CONSUMER);
        deliverAndWait(v3, TIME_ZONE_CONSUMER);
        assertThat(visitOn(clinic, id, "2025-03-03")).contains("accepted on 2025-03-04 (Asia/Tokyo)");
        assertThat(count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                TIME_ZONE_CONSUMER, v3.id())).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM visit WHERE referral_id = ?", id)).isZero();

        // A profile naming no real zone can never be applied: it is parked on the dead-letter topic, the zone stays.
        EventEnvelope noZone = GoldenSamples.event("ClinicProfileUpdated.v1", clinic, Map.of(SAMPLE_PROFILE, profileId,
                "America/Los_Angeles", "Mars/Olympus_Mons", "\"version\":3", "\"version\":9"));
        KafkaProbe.send(Topics.PRACTITIONERS, noZone);
        await().atMost(WAIT).until(() -> !KafkaProbe.records(Topics.deadLetter(Topics.PRACTITIONERS), r ->
                noZone.id().equals(EventEnvelope.header(r.headers(), CloudEventHeaders.ID))
                        && TIME_ZONE_CONSUMER.equals(EventEnvelope.header(r.headers(), DeadLetters.CONSUMER))).isEmpty());
        assertThat(visitOn(clinic, id, "2025-03-03")).contains("accepted on 2025-03-04 (Asia/Tokyo)");

        assertThat(post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", "2025-03-04",
                "type", "INITIAL_EVALUATION"), staff(clinic))).containsEntry("visitNumber", 1);
    }

    @Test
    void aReferralRecordedWithoutADateIsDatedTheClinicsDayNotUtcs() {
        String seattle = TestClinics.unique("seattle-evening");
        String tokyo = TestClinics.unique("tokyo-morning");
        deliverAndWait(GoldenSamples.event("ClinicProfileUpdated.v1", tokyo, Map.of(SAMPLE_PROFILE,
                UUID.randomUUID().toString(), "America/Los_Angeles", "Asia/Tokyo")), TIME_ZONE_CONSUMER);
        String seattlePartner = partner(seattle, false);
        String tokyoPartner = partner(tokyo, false);
        // 17:30 on 3 March at the Seattle front desk: already 4 March in UTC, and 10:30 on 4 March in Tokyo.
        clock.set(Instant.parse("2025-03-04T01:30:00Z"));
        try {
            Map<String, Object> evening = newReferral("RECEIVED", seattlePartner);
            evening.remove("referredOn");
            assertThat(post("/api/v1/referrals", evening, staff(seattle))).containsEntry("referredOn", "2025-03-03");
            Map<String, Object> morning = newReferral("RECEIVED", tokyoPartner);
            morning.remove("referredOn");
            assertThat(post("/api/v1/referrals", morning, staff(tokyo))).containsEntry("referredOn", "2025-03-04");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aReportSentUnderAnotherClinicNeverClosesThisClinicsLoop() {
        String clinic = TestClinics.unique("olympia");
        String referralId = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner(clinic, false)),
                staff(clinic)).get("id");
        EventEnvelope foreign = GoldenSamples.event("ReportSent.v1", TestClinics.unique("spokane"),
                Map.of(SAMPLE_REFERRAL, referralId, SAMPLE_REPORT, UUID.randomUUID().toString()));
        KafkaProbe.send(Topics.REPORTS, foreign);
        awaitApplied("referrals-service.reports", foreign.id());
        assertThat(get("/api/v1/referrals/" + referralId, staff(clinic))).doesNotContainKey("loop");
    }

    private Optional<Partner> copy(String clinic, String id) {
        return partners.findByClinicIdAndPractitionerId(clinic, id);
    }

    private Map<String, Object> loop(String clinic, String referralId) {
        return (Map<String, Object>) get("/api/v1/referrals/" + referralId, staff(clinic)).get("loop");
    }

    /** The 422's detail for a visit on that day, which must be refused. */
    private String visitOn(String clinic, String referralId, String day) {
        Map<String, Object> refused = problem(HttpRequest.POST("/api/v1/referrals/" + referralId + "/visits",
                Map.of("visitDate", day, "type", "INITIAL_EVALUATION")), staff(clinic), 422);
        assertThat(refused.get("errors").toString()).contains("field=visitDate");
        return (String) refused.get("detail");
    }

    /**
     * Sends the event and waits until the consumer has passed it: behind it, on the same key (so the same
     * partition, in order), goes a marker — the same event for another clinic, which touches nothing here.
     */
    private void deliverAndWait(EventEnvelope event, String consumer) {
        KafkaProbe.send(EventTypes.topicOf(event.type()), event);
        EventEnvelope marker = new EventEnvelope(UUID.randomUUID().toString(), event.type(), event.source(),
                Instant.now(), event.subject(), TestClinics.unique("elsewhere"), event.payload());
        KafkaProbe.send(EventTypes.topicOf(event.type()), marker);
        awaitApplied(consumer, marker.id());
    }

    private void awaitApplied(String consumer, String eventId) {
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                consumer, eventId) == 1);
    }
}
