package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import app.rapport.referrals.domain.Partner;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

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
    void theFirstReportSentClosesTheLoopAndLaterOrRepeatedOnesChangeNothing() {
        String clinic = TestClinics.unique("tacoma");
        String partner = partner(clinic, false);
        String referralId = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner), staff(clinic)).get("id");
        String recipient = UUID.randomUUID().toString();

        EventEnvelope first = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, UUID.randomUUID().toString(), SAMPLE_RECIPIENT, recipient));
        KafkaProbe.send(Topics.REPORTS, first);
        await().atMost(WAIT).until(() -> get("/api/v1/referrals/" + referralId, staff(clinic)).get("loop") != null);
        Map<String, Object> loop = (Map<String, Object>) get("/api/v1/referrals/" + referralId, staff(clinic)).get("loop");
        assertThat(loop).containsEntry("sentToPractitionerId", recipient).containsEntry("recipientRole", "REFERRING_PRACTITIONER")
                .containsEntry("channel", "EMAIL");
        assertThat((String) loop.get("closedAt")).startsWith("2025-03-07T00:31:56");

        // A later progress report, and the first one delivered again, leave the loop as it was.
        EventEnvelope later = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL, referralId,
                SAMPLE_REPORT, UUID.randomUUID().toString(), SAMPLE_RECIPIENT, UUID.randomUUID().toString(),
                "2025-03-07T00:31:56.448Z", "2025-04-02T17:00:00.000Z", "\"INITIAL\"", "\"PROGRESS\""));
        KafkaProbe.send(Topics.REPORTS, later);
        KafkaProbe.send(Topics.REPORTS, first);
        awaitApplied("referrals-service.reports", later.id());
        EventEnvelope marker = GoldenSamples.event("ReportSent.v1", clinic, Map.of(SAMPLE_REFERRAL,
                UUID.randomUUID().toString(), SAMPLE_REPORT, UUID.randomUUID().toString()));
        KafkaProbe.send(Topics.REPORTS, marker);
        awaitApplied("referrals-service.reports", marker.id());
        assertThat(get("/api/v1/referrals/" + referralId, staff(clinic)).get("loop")).isEqualTo(loop);
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

    private void awaitApplied(String consumer, String eventId) {
        await().atMost(WAIT).until(() -> count("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                consumer, eventId) == 1);
    }
}
