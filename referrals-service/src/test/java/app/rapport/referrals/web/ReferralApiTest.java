package app.rapport.referrals.web;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The referral ledger over HTTP, on the real database and broker: open, read, list, move, and the events. */
@MicronautTest(transactional = false)
class ReferralApiTest extends ReferralsTestSupport {

    /** 22:30 on 3 March 2025 in America/Los_Angeles, the configured zone of clinics without a profile yet. */
    private static final Instant ACCEPTED_LATE_ON_3_MARCH_IN_SEATTLE = Instant.parse("2025-03-04T06:30:00Z");

    @Test
    void aReceivedReferralIsRecordedWithItsHistoryAndPublishedInTheSamplesShape() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        String partner = partner(clinic, false);
        String pcp = partner(clinic, false);
        Map<String, Object> body = newReferral("RECEIVED", partner);
        body.put("kind", "SECOND_OPINION");
        body.put("urgency", "URGENT");
        body.put("channel", "FAX");
        body.put("requestedService", "Prenatal chiropractic care");
        body.put("diagnosisCodes", List.of("O26.893", "m54.50"));
        body.put("referredOn", "2025-03-03");
        body.put("treatingPractitioner", Map.of("id", "jreyes", "name", "Jordan Reyes", "credentials", "DC"));
        body.put("primaryCarePractitionerId", pcp);
        body.put("attachments", List.of(Map.of("fileName", "referral-letter.pdf", "contentType", "application/pdf",
                "sizeBytes", 48213)));

        Map<String, Object> referral = post("/api/v1/referrals", body, staff(clinic));

        String id = (String) referral.get("id");
        assertThat(referral).containsEntry("status", "RECEIVED").containsEntry("direction", "RECEIVED")
                .containsEntry("kind", "SECOND_OPINION").containsEntry("channel", "FAX")
                .containsEntry("referredOn", "2025-03-03")
                .containsEntry("diagnosisCodes", List.of("O26.893", "M54.50"))
                .containsEntry("allowedTransitions", List.of("ACCEPTED", "DECLINED", "CANCELLED"));
        assertThat((Map<String, Object>) referral.get("practitioner")).containsEntry("name", "Maya Okafor, MD, FACOG");
        assertThat((Map<String, Object>) referral.get("patient")).containsEntry("lastName", "Marsh")
                .containsEntry("phone", "+12065550100");
        assertThat((List<Map<String, Object>>) referral.get("attachments")).singleElement()
                .satisfies(a -> assertThat(a).containsEntry("fileName", "referral-letter.pdf"));
        assertThat((List<Map<String, Object>>) referral.get("history")).singleElement().satisfies(h ->
                assertThat(h).containsEntry("to", "RECEIVED").containsEntry("changedBy", "tester@" + clinic));
        assertThat(get("/api/v1/referrals/" + id, staff(clinic))).containsEntry("id", id);

        EventEnvelope event = referralEvents(id, 1).get(0);
        assertThat(event.type()).isEqualTo(EventTypes.REFERRAL_RECEIVED);
        assertThat(event.clinicId()).isEqualTo(clinic);
        assertThat(GoldenSamples.shapeDifferences("ReferralReceived.v2", event.payload())).isEmpty();
        Object reference = ((Map<String, Object>) referral.get("patient")).get("reference");
        Map<String, Object> payload = read(event.payload());
        assertThat(payload).containsEntry("referralId", id).containsEntry("practitionerId", partner)
                .containsEntry("receivedOn", "2025-03-03").containsEntry("primaryCarePractitionerId", pcp)
                .containsEntry("kind", "SECOND_OPINION").containsEntry("patientReference", reference);
        assertThat(event.payload()).doesNotContain("+12065550100", "Marsh", "1991-04-17", "O26.893");

        // Who and why, for reports-service alone, on the topic no other service may read.
        EventEnvelope patient = patientEvents(id, 1).get(0);
        assertThat(patient.type()).isEqualTo(EventTypes.PATIENT_REFERRED);
        assertThat(patient.clinicId()).isEqualTo(clinic);
        assertThat(GoldenSamples.shapeDifferences("PatientReferred.v1", patient.payload())).isEmpty();
        Map<String, Object> details = read(patient.payload());
        assertThat(details).containsEntry("referralId", id).containsEntry("diagnosisCodes", List.of("O26.893", "M54.50"));
        assertThat((Map<String, Object>) details.get("patient"))
                .containsOnlyKeys("reference", "firstName", "lastName", "birthDate")
                .containsEntry("reference", reference)
                .containsEntry("birthDate", "1991-04-17");
        assertThat(patient.payload()).doesNotContain("+12065550100");
    }

    @Test
    void aSentReferralIsPublishedWithoutAnyPatientData() {
        String clinic = TestClinics.unique("seattle-downtown");
        String partner = partner(clinic, false);
        Map<String, Object> body = newReferral("SENT", partner);
        body.put("requestedService", "Birth doula support");
        body.put("treatingPractitioner", Map.of("id", "jreyes", "name", "Jordan Reyes", "credentials", "DC"));

        Map<String, Object> referral = post("/api/v1/referrals", body, staff(clinic));

        assertThat(referral).containsEntry("status", "SENT").containsEntry("channel", "EMAIL")
                .containsEntry("allowedTransitions", List.of("ACKNOWLEDGED", "DECLINED", "CANCELLED"));
        EventEnvelope event = referralEvents((String) referral.get("id"), 1).get(0);
        assertThat(event.type()).isEqualTo(EventTypes.REFERRAL_SENT);
        assertThat(GoldenSamples.shapeDifferences("ReferralSent.v1", event.payload())).isEmpty();
        assertThat(event.payload()).doesNotContain("Elena").doesNotContain("Marsh").doesNotContain("1991")
                .doesNotContain("pelvic").contains("\"sentOn\":\"" + today() + "\"");
    }

    @Test
    void aReceivedReferralMovesThroughItsStatesWithWhoWhenWhyAndEachMoveIsPublished() {
        String clinic = TestClinics.unique("tacoma");
        String id = receive(clinic);

        transition(clinic, id, "ACCEPTED", "Within scope; first visit offered for Thursday");
        transition(clinic, id, "SCHEDULED", null);
        transition(clinic, id, "NO_SHOW", "Did not come Thursday");
        transition(clinic, id, "SCHEDULED", "Rebooked for Monday");
        Map<String, Object> referral = get("/api/v1/referrals/" + id, staff(clinic));

        assertThat(referral).containsEntry("status", "SCHEDULED");
        List<Map<String, Object>> history = (List<Map<String, Object>>) referral.get("history");
        assertThat(history).extracting(h -> h.get("from") + "->" + h.get("to")).containsExactly(
                "null->RECEIVED", "RECEIVED->ACCEPTED", "ACCEPTED->SCHEDULED", "SCHEDULED->NO_SHOW", "NO_SHOW->SCHEDULED");
        assertThat(history.get(1)).containsEntry("reason", "Within scope; first visit offered for Thursday")
                .containsEntry("changedBy", "tester@" + clinic).containsKey("changedAt");

        List<EventEnvelope> events = referralEvents(id, 5);
        EventEnvelope accepted = events.get(1);
        assertThat(accepted.type()).isEqualTo(EventTypes.REFERRAL_STATUS_CHANGED);
        assertThat(GoldenSamples.shapeDifferences("ReferralStatusChanged.v1", accepted.payload())).isEmpty();
        assertThat(read(accepted.payload())).containsEntry("from", "RECEIVED").containsEntry("to", "ACCEPTED")
                .containsEntry("changedBy", "tester@" + clinic).containsEntry("direction", "RECEIVED");
        assertThat((String) read(accepted.payload()).get("changedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void anIllegalMoveIs409ProblemJsonAndChangesNothing() {
        String clinic = TestClinics.unique("olympia");
        String id = receive(clinic);
        referralEvents(id, 1);

        Map<String, Object> problem = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions",
                Map.of("to", "COMPLETED")), staff(clinic), 409);

        assertThat((String) problem.get("detail")).contains("RECEIVED to COMPLETED");
        assertThat((Map<String, Object>) problem.get("extra")).containsEntry("status", "RECEIVED")
                .containsEntry("allowed", List.of("ACCEPTED", "DECLINED", "CANCELLED"));
        Map<String, Object> referral = get("/api/v1/referrals/" + id, staff(clinic));
        assertThat(referral).containsEntry("status", "RECEIVED");
        assertThat((List<?>) referral.get("history")).hasSize(1);
        // Only what opening it wrote: ReferralReceived and its PatientReferred.
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ?", id)).isEqualTo(2);

        // A sent referral cannot take a received referral's statuses either.
        String sent = (String) post("/api/v1/referrals", newReferral("SENT", partner(clinic, false)), staff(clinic)).get("id");
        problem(HttpRequest.POST("/api/v1/referrals/" + sent + "/transitions", Map.of("to", "ACCEPTED")), staff(clinic), 409);
    }

    /**
     * Two people moved the same referral from the page they opened: the second, on the version both
     * read, gets a 412 naming the current version, and the referral stays where the first put it.
     */
    @Test
    void aMoveMadeOnAVersionSomeoneElseChangedIsA412AndChangesNothing() {
        String clinic = TestClinics.unique("burien");
        String id = (String) post("/api/v1/referrals", newReferral("RECEIVED", partner(clinic, false)), staff(clinic))
                .get("id");
        io.micronaut.http.HttpResponse<String> opened = http.toBlocking().exchange(HttpRequest.GET("/api/v1/referrals/" + id)
                .header("Authorization", staff(clinic)), String.class);
        String etag = opened.header("ETag");
        assertThat(etag).isEqualTo("\"" + read(opened.body()).get("version") + "\"");

        io.micronaut.http.HttpResponse<String> accepted = http.toBlocking().exchange(HttpRequest.POST(
                "/api/v1/referrals/" + id + "/transitions", Map.of("to", "ACCEPTED")).header("If-Match", etag)
                .header("Authorization", staff(clinic)), String.class);
        assertThat(accepted.header("ETag")).isNotEqualTo(etag)
                .isEqualTo("\"" + read(accepted.body()).get("version") + "\"");

        Map<String, Object> stale = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions",
                Map.of("to", "DECLINED", "reason", "Outside our scope")).header("If-Match", etag), staff(clinic), 412);
        assertThat(((Map<String, Object>) stale.get("extra")).get("currentVersion"))
                .isEqualTo(read(accepted.body()).get("version"));
        assertThat(get("/api/v1/referrals/" + id, staff(clinic))).containsEntry("status", "ACCEPTED");
        assertThat(count("SELECT COUNT(*) FROM referral_status_change WHERE referral_id = ?", id)).isEqualTo(2);
        // a header that is no ETag is a 400 naming it, not a 500
        assertThat(problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions", Map.of("to", "SCHEDULED"))
                .header("If-Match", "yesterday"), staff(clinic), 400).toString()).contains("If-Match");
    }

    @Test
    void decliningOrCancellingNeedsAReasonAndTheDeclineIsPublishedWithIt() {
        String clinic = TestClinics.unique("olympia");
        String id = receive(clinic);
        Map<String, Object> problem = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions",
                Map.of("to", "DECLINED")), staff(clinic), 422);
        assertThat(problem.get("errors").toString()).contains("field=reason");
        Map<String, Object> declined = transition(clinic, id, "DECLINED", "Outside our scope; suggested a pelvic-floor PT");
        assertThat(declined).containsEntry("status", "DECLINED");
        assertThat((List<?>) declined.get("allowedTransitions")).as("a final status allows nothing").isNullOrEmpty();
        // reports-service tells the referrer of the decline, and why, from this event alone.
        EventEnvelope event = referralEvents(id, 2).get(1);
        assertThat(GoldenSamples.shapeDifferences("ReferralStatusChanged.v1", event.payload())).isEmpty();
        assertThat(read(event.payload())).containsEntry("to", "DECLINED").containsEntry("direction", "RECEIVED")
                .containsEntry("reason", "Outside our scope; suggested a pelvic-floor PT");
    }

    @Test
    void aPractitionerNotInTheClinicsDirectoryOrArchivedIs422NamingPractitionerIdAndWritesNothing() {
        String clinic = TestClinics.unique("everett");
        String otherClinicsPartner = partner(TestClinics.unique("spokane"), false);

        for (String practitionerId : List.of("6a0c8f2e-1111-4c4c-8a8a-123456789abc", otherClinicsPartner,
                partner(clinic, true))) {
            Map<String, Object> problem = problem(HttpRequest.POST("/api/v1/referrals",
                    newReferral("SENT", practitionerId)), staff(clinic), 422);
            assertThat(problem.get("errors").toString()).contains("field=practitionerId");
        }
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isZero();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        String clinic = TestClinics.unique("kent");
        String partner = partner(clinic, false);

        Map<String, Object> codes = newReferral("RECEIVED", partner);
        codes.put("diagnosisCodes", List.of("M54.50", "lower back"));
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", codes), staff(clinic), 422).get("errors").toString())
                .contains("field=diagnosisCodes[1]");

        Map<String, Object> noPatient = newReferral("RECEIVED", partner);
        noPatient.remove("patient");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", noPatient), staff(clinic), 400).get("errors").toString())
                .contains("field=patient");

        Map<String, Object> badPhone = newReferral("RECEIVED", partner);
        ((Map<String, Object>) badPhone.get("patient")).put("phone", "call the front desk");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", badPhone), staff(clinic), 422).get("errors").toString())
                .contains("field=patient.phone");
        Map<String, Object> noAreaCode = newReferral("RECEIVED", partner);
        ((Map<String, Object>) noAreaCode.get("patient")).put("phone", "555-0142");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", noAreaCode), staff(clinic), 422).get("errors").toString())
                .contains("field=patient.phone");

        Map<String, Object> unreachable = newReferral("RECEIVED", partner);
        ((Map<String, Object>) unreachable.get("patient")).remove("phone");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", unreachable), staff(clinic), 422).get("errors").toString())
                .contains("field=patient.phone");

        Map<String, Object> badUrgency = newReferral("RECEIVED", partner);
        badUrgency.put("urgency", "ASAP");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", badUrgency), staff(clinic), 400).toString())
                .contains("urgency");

        Map<String, Object> webIntake = newReferral("RECEIVED", partner);
        webIntake.put("channel", "WEB_INTAKE");
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", webIntake), staff(clinic), 422).get("errors").toString())
                .contains("field=channel");

        Map<String, Object> future = newReferral("RECEIVED", partner);
        future.put("referredOn", LocalDate.now().plusDays(5).toString());
        assertThat(problem(HttpRequest.POST("/api/v1/referrals", future), staff(clinic), 422).get("errors").toString())
                .contains("field=referredOn");

        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE clinic_id = ?", clinic)).isZero();
    }

    @Test
    void aPatientsPhoneTypedAsPeopleWriteItIsStoredInE164AndReadsTheSameOnTheNextReferral() {
        String clinic = TestClinics.unique("bellevue");
        String partner = partner(clinic, false);
        Map<String, Object> body = newReferral("RECEIVED", partner);
        ((Map<String, Object>) body.get("patient")).put("phone", "(206) 555-0142");

        Map<String, Object> first = post("/api/v1/referrals", body, staff(clinic));

        assertThat((Map<String, Object>) first.get("patient")).containsEntry("phone", "+12065550142");
        Map<String, Object> again = newReferral("RECEIVED", partner);
        ((Map<String, Object>) again.get("patient")).put("phone", "206.555.0142");
        Map<String, Object> second = post("/api/v1/referrals", again, staff(clinic));
        assertThat((Map<String, Object>) second.get("patient")).containsEntry("phone", "+12065550142")
                .containsEntry("reference", ((Map<String, Object>) first.get("patient")).get("reference"));
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ? AND phone = '+12065550142'", clinic)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isEqualTo(1);
    }

    @Test
    void aVisitDatedBeforeTheDayTheReferralWasAcceptedInTheClinicsZoneIsRefusedAndNothingIsRecorded() {
        String clinic = TestClinics.unique("issaquah");
        // Received 20 February, accepted at 22:30 on 3 March in Seattle (4 March in UTC).
        String id = scheduled(clinic, "Elena", "Marsh", "1991-04-17");

        for (String before : List.of("2025-03-02", "2025-02-24")) {
            Map<String, Object> refused = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits",
                    Map.of("visitDate", before, "type", "INITIAL_EVALUATION")), staff(clinic), 422);
            assertThat(refused.get("errors").toString()).contains("field=visitDate");
            assertThat((String) refused.get("detail")).contains("before the referral was accepted")
                    .contains("accepted on 2025-03-03");
        }
        assertThat(count("SELECT COUNT(*) FROM visit WHERE referral_id = ?", id)).isZero();
        assertThat(get("/api/v1/referrals/" + id, staff(clinic))).containsEntry("status", "SCHEDULED");
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = ?", id,
                EventTypes.VISIT_RECORDED)).isZero();

        // The evening it was accepted, the patient may already be seen that same day in Seattle.
        assertThat(post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", "2025-03-03",
                "type", "INITIAL_EVALUATION"), staff(clinic))).containsEntry("visitNumber", 1);
    }

    @Test
    void aReferralTakenOverFromPaperIsAcceptedOnTheDayItHappenedAndItsEarlierVisitsAreThenRecorded() {
        String clinic = TestClinics.unique("kirkland");
        Map<String, Object> body = newReferral("RECEIVED", partner(clinic, false));
        body.put("referredOn", "2025-02-20");
        String id = (String) post("/api/v1/referrals", body, staff(clinic)).get("id");

        // Before the referral, or in the future: refused, and the referral stays where it was.
        for (String wrong : List.of("2025-02-19", LocalDate.now().plusDays(2).toString())) {
            Map<String, Object> refused = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions",
                    Map.of("to", "ACCEPTED", "occurredOn", wrong)), staff(clinic), 422);
            assertThat(refused.get("errors").toString()).contains("field=occurredOn");
        }
        assertThat(get("/api/v1/referrals/" + id, staff(clinic))).containsEntry("status", "RECEIVED");

        Map<String, Object> accepted = post("/api/v1/referrals/" + id + "/transitions",
                Map.of("to", "ACCEPTED", "occurredOn", "2025-02-24"), staff(clinic));
        assertThat((List<Map<String, Object>>) accepted.get("history")).last()
                .satisfies(h -> assertThat(h).containsEntry("to", "ACCEPTED").containsEntry("occurredOn", "2025-02-24"));
        // A later step cannot be dated before the one it follows.
        Map<String, Object> outOfOrder = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions",
                Map.of("to", "SCHEDULED", "occurredOn", "2025-02-23")), staff(clinic), 422);
        assertThat(outOfOrder.get("errors").toString()).contains("field=occurredOn");
        post("/api/v1/referrals/" + id + "/transitions", Map.of("to", "SCHEDULED", "occurredOn", "2025-02-24"),
                staff(clinic));

        Map<String, Object> early = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits",
                Map.of("visitDate", "2025-02-23", "type", "INITIAL_EVALUATION")), staff(clinic), 422);
        assertThat((String) early.get("detail")).contains("accepted on 2025-02-24");
        assertThat(post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", "2025-02-25",
                "type", "INITIAL_EVALUATION"), staff(clinic))).containsEntry("visitNumber", 1);
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE aggregate_id = ? AND type = ? AND payload LIKE ?", id,
                EventTypes.REFERRAL_STATUS_CHANGED, "%\"occurredOn\":\"2025-02-24\"%")).isEqualTo(2);
    }

    @Test
    void anImportedVisitDatedBeforeItsReferralWasAcceptedIsRejectedAndTheRestAreImported() {
        String clinic = TestClinics.unique("sammamish");
        String id = scheduled(clinic, "Ruth", "Abara", "1984-11-02");
        String csv = "appointment_id,referral_id,visit_date,visit_type\n"
                + "B-1," + id + ",03/02/2025,INITIAL_EVALUATION\n"
                + "B-2," + id + ",2025-03-04,INITIAL_EVALUATION\n";

        Map<String, Object> report = importCsv(clinic, csv);

        assertThat(report).containsEntry("imported", 1).containsEntry("rejected", 1);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
        assertThat(lines.get(0)).containsEntry("outcome", "REJECTED");
        assertThat((String) lines.get(0).get("reason")).contains("visitDate").contains("before the referral was accepted");
        assertThat(lines.get(1)).containsEntry("outcome", "IMPORTED").containsEntry("visitNumber", 1);
        assertThat((List<Map<String, Object>>) get("/api/v1/referrals/" + id + "/visits", staff(clinic)).get("items"))
                .extracting(v -> v.get("visitDate")).containsExactly("2025-03-04");
    }

    @Test
    void theListFiltersByDirectionStatusPartnerAndDateAndPages() {
        String clinic = TestClinics.unique("bellevue");
        String okafor = partner(clinic, false);
        String doula = partner(clinic, false);
        Map<String, Object> march = newReferral("RECEIVED", okafor);
        march.put("referredOn", "2025-03-03");
        String marchId = (String) post("/api/v1/referrals", march, staff(clinic)).get("id");
        Map<String, Object> april = newReferral("RECEIVED", okafor);
        april.put("referredOn", "2025-04-10");
        String aprilId = (String) post("/api/v1/referrals", april, staff(clinic)).get("id");
        transition(clinic, aprilId, "ACCEPTED", null);
        Map<String, Object> sent = newReferral("SENT", doula);
        sent.put("referredOn", "2025-04-12");
        String sentId = (String) post("/api/v1/referrals", sent, staff(clinic)).get("id");

        assertThat(ids("/api/v1/referrals", clinic)).containsExactly(sentId, aprilId, marchId);
        assertThat(ids("/api/v1/referrals?direction=RECEIVED", clinic)).containsExactly(aprilId, marchId);
        assertThat(ids("/api/v1/referrals?status=ACCEPTED", clinic)).containsExactly(aprilId);
        assertThat(ids("/api/v1/referrals?practitionerId=" + doula, clinic)).containsExactly(sentId);
        assertThat(ids("/api/v1/referrals?from=2025-04-01&to=2025-04-11", clinic)).containsExactly(aprilId);
        Map<String, Object> page = get("/api/v1/referrals?size=2&page=1", staff(clinic));
        assertThat(page).containsEntry("total", 3).containsEntry("page", 1).containsEntry("size", 2);
        assertThat((List<Map<String, Object>>) page.get("items")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("id", marchId).containsEntry("patientName", "Elena Marsh"));
        assertThat(problem(HttpRequest.GET("/api/v1/referrals?status=LOST"), staff(clinic), 400).toString())
                .contains("status");
    }

    @Test
    void aClinicNeverSeesOrTouchesAnotherClinicsReferrals() {
        String owner = TestClinics.unique("auburn");
        String other = TestClinics.unique("renton");
        String id = receive(owner);
        transition(owner, id, "ACCEPTED", null);
        transition(owner, id, "SCHEDULED", null);

        problem(HttpRequest.GET("/api/v1/referrals/" + id), staff(other), 404);
        problem(HttpRequest.POST("/api/v1/referrals/" + id + "/transitions", Map.of("to", "CANCELLED", "reason", "x")),
                staff(other), 404);
        problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", today(),
                "type", "INITIAL_EVALUATION")), staff(other), 404);
        problem(HttpRequest.GET("/api/v1/referrals/" + id + "/visits"), staff(other), 404);
        assertThat(get("/api/v1/referrals", staff(other))).containsEntry("total", 0);
        assertThat(get("/api/v1/referrals/" + id, staff(owner))).containsEntry("status", "SCHEDULED");
        assertThat(count("SELECT COUNT(*) FROM visit WHERE referral_id = ?", id)).isZero();
    }

    @Test
    void staffAndCliniciansMayWorkReferralsOtherRolesMayNot() {
        String clinic = TestClinics.unique("lakewood");
        String partner = partner(clinic, false);
        assertThat(post("/api/v1/referrals", newReferral("RECEIVED", partner), TestTokens.bearer(clinic, "clinician")))
                .containsEntry("status", "RECEIVED");
        problem(HttpRequest.POST("/api/v1/referrals", newReferral("RECEIVED", partner)), TestTokens.bearer(clinic, "ops"), 403);
        problem(HttpRequest.GET("/api/v1/referrals"), TestTokens.bearer(clinic, "group-admin"), 403);
        problem(HttpRequest.GET("/api/v1/referrals"), null, 401);
    }

    @Test
    void theFirstVisitMovesAScheduledReferralIntoTreatmentAndEveryVisitIsPublished() {
        String clinic = TestClinics.unique("seattle-downtown");
        String id = receive(clinic);
        Map<String, Object> early = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits",
                Map.of("visitDate", today(), "type", "INITIAL_EVALUATION")), staff(clinic), 409);
        assertThat((String) early.get("detail")).contains("RECEIVED");
        transition(clinic, id, "ACCEPTED", null);
        transition(clinic, id, "SCHEDULED", null);

        Map<String, Object> first = post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", today(),
                "type", "INITIAL_EVALUATION", "billedAmount", Map.of("amount", "145.00", "currency", "USD")),
                TestTokens.bearer(clinic, "clinician"));
        Map<String, Object> second = post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", today(),
                "type", "TREATMENT", "billedAmount", Map.of("amount", "95.5", "currency", "USD")), staff(clinic));

        assertThat(first).containsEntry("visitNumber", 1).containsEntry("referralStatus", "IN_TREATMENT")
                .containsEntry("billedAmount", Map.of("amount", "145.00", "currency", "USD"));
        assertThat(second).containsEntry("visitNumber", 2).containsEntry("billedAmount", Map.of("amount", "95.50", "currency", "USD"));
        Map<String, Object> referral = get("/api/v1/referrals/" + id, staff(clinic));
        assertThat(referral).containsEntry("status", "IN_TREATMENT");
        assertThat(((List<Map<String, Object>>) referral.get("history")).get(3))
                .containsEntry("from", "SCHEDULED").containsEntry("to", "IN_TREATMENT").containsEntry("changedBy", "system")
                .containsEntry("reason", "First visit recorded");
        assertThat((List<Map<String, Object>>) get("/api/v1/referrals/" + id + "/visits", staff(clinic)).get("items"))
                .extracting(v -> v.get("type")).containsExactly("INITIAL_EVALUATION", "TREATMENT");

        List<EventEnvelope> events = referralEvents(id, 6);
        assertThat(events).extracting(EventEnvelope::type).containsExactly(EventTypes.REFERRAL_RECEIVED,
                EventTypes.REFERRAL_STATUS_CHANGED, EventTypes.REFERRAL_STATUS_CHANGED, EventTypes.VISIT_RECORDED,
                EventTypes.REFERRAL_STATUS_CHANGED, EventTypes.VISIT_RECORDED);
        EventEnvelope visit = events.get(3);
        assertThat(GoldenSamples.shapeDifferences("VisitRecorded.v1", visit.payload())).isEmpty();
        assertThat(read(visit.payload())).containsEntry("visitNumber", 1).containsEntry("visitDate", today())
                .containsEntry("billedAmount", Map.of("amount", "145.00", "currency", "USD"));
        assertThat(read(events.get(4).payload())).containsEntry("to", "IN_TREATMENT").containsEntry("changedBy", "system");

        Map<String, Object> badMoney = problem(HttpRequest.POST("/api/v1/referrals/" + id + "/visits",
                Map.of("visitDate", today(), "type", "TREATMENT", "billedAmount", Map.of("amount", "12,00", "currency", "USD"))),
                staff(clinic), 400);
        assertThat(badMoney.get("errors").toString()).contains("field=billedAmount.amount");
        assertThat(count("SELECT COUNT(*) FROM visit WHERE referral_id = ?", id)).isEqualTo(2);
    }

    @Test
    void aCsvExportImportsVisitsReportsEachLineAndDoesNotDoubleThemWhenImportedAgain() {
        String clinic = TestClinics.unique("tukwila");
        String byId = scheduled(clinic, "Elena", "Marsh", "1991-04-17");
        String byName = scheduled(clinic, "Ruth", "Abara", "1984-11-02");
        String csv = "appointment_id,referral_id,patient_first_name,patient_last_name,patient_birth_date,visit_date,visit_type,billed_amount\n"
                + "A-100," + byId + ",,,,2025-03-06,INITIAL_EVALUATION,145.00\n"
                + "A-101,,Ruth,Abara,11/02/1984,03/07/2025,Initial Evaluation,$160\n"
                + "A-102,,Nobody,Known,1970-01-01,2025-03-07,TREATMENT,\n"
                + "A-103," + byId + ",,,,2025-03-09,MASSAGE,\n"
                + "A-104," + byId + ",,,,2025-03-10,TREATMENT,95.00\n";

        Map<String, Object> report = importCsv(clinic, csv);

        assertThat(report).containsEntry("imported", 3).containsEntry("duplicates", 0).containsEntry("rejected", 2);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) report.get("lines");
        assertThat(lines).extracting(l -> l.get("line") + ":" + l.get("outcome")).containsExactly(
                "2:IMPORTED", "3:IMPORTED", "4:REJECTED", "5:REJECTED", "6:IMPORTED");
        assertThat(lines.get(1)).containsEntry("referralId", byName).containsEntry("visitNumber", 1);
        assertThat((String) lines.get(2).get("reason")).contains("no scheduled or active referral");
        assertThat((String) lines.get(3).get("reason")).contains("visit_type");
        assertThat(get("/api/v1/referrals/" + byName, staff(clinic))).containsEntry("status", "IN_TREATMENT");

        Map<String, Object> again = importCsv(clinic, csv);
        assertThat(again).containsEntry("imported", 0).containsEntry("duplicates", 3).containsEntry("rejected", 2);
        assertThat(count("SELECT COUNT(*) FROM visit WHERE clinic_id = ?", clinic)).isEqualTo(3);
        assertThat((List<?>) get("/api/v1/referrals/" + byId + "/visits", staff(clinic)).get("items")).hasSize(2);
        List<EventEnvelope> events = referralEvents(byId, 6);
        assertThat(events.stream().filter(e -> e.type().equals(EventTypes.VISIT_RECORDED)).count()).isEqualTo(2);

        // Another clinic's import cannot reach these referrals, by id or by name.
        Map<String, Object> foreign = importCsv(TestClinics.unique("kent"), csv);
        assertThat(foreign).containsEntry("imported", 0).containsEntry("rejected", 5);
    }

    @Test
    void aClinicThatSwitchedTheCsvAdapterOffCannotUseIt() {
        String clinic = TestClinics.unique("puyallup");
        call(HttpRequest.PUT("/api/v1/plugins/csv-visit-import", Map.of("enabled", false)), staff(clinic));
        Map<String, Object> problem = problem(HttpRequest.POST("/api/v1/visit-imports?adapter=csv-visit-import",
                "visit_date,visit_type\n").contentType("text/csv"), staff(clinic), 422);
        assertThat(problem.get("errors").toString()).contains("field=adapter");
        assertThat(((List<Map<String, Object>>) get("/api/v1/plugins", staff(clinic)).get("items")))
                .anySatisfy(p -> assertThat(p).containsEntry("name", "csv-visit-import")
                        .containsEntry("extensionPoint", "visit-importer").containsEntry("enabled", false));
    }

    @Test
    void noLogLineCarriesAPatientsNameOrBirthDate() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> captured =
                new ch.qos.logback.core.read.ListAppender<>();
        captured.start();
        root.addAppender(captured);
        // The service's own loggers at DEBUG, everything else as configured.
        ch.qos.logback.classic.Logger service = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("app.rapport");
        ch.qos.logback.classic.Level previous = service.getLevel();
        service.setLevel(ch.qos.logback.classic.Level.DEBUG);
        try {
            String clinic = TestClinics.unique("yakima");
            String id = scheduled(clinic, "Zuzanna", "Quillfeather", "1979-08-23");
            post("/api/v1/referrals/" + id + "/visits", Map.of("visitDate", today(), "type", "INITIAL_EVALUATION"), staff(clinic));
            importCsv(clinic, "patient_first_name,patient_last_name,patient_birth_date,visit_date,visit_type\n"
                    + "Zuzanna,Quillfeather,1979-08-23,2025-03-10,TREATMENT\nZuzanna,Quillfeather,1979-08-24,2025-03-10,TREATMENT\n");
            referralEvents(id, 5);
            assertThat(captured.list).as("the flow logged something").isNotEmpty();
            assertThat(captured.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains(id));
            assertThat(captured.list).allSatisfy(e -> assertThat(e.getFormattedMessage() + e.getThrowableProxy())
                    .doesNotContain("Zuzanna").doesNotContain("Quillfeather").doesNotContain("1979-08-23"));
        } finally {
            root.detachAppender(captured);
            service.setLevel(previous);
        }
    }

    private Map<String, Object> importCsv(String clinic, String csv) {
        return call(HttpRequest.POST("/api/v1/visit-imports?adapter=csv-visit-import", csv).contentType("text/csv"),
                staff(clinic));
    }

    private String receive(String clinic) {
        return (String) post("/api/v1/referrals", newReferral("RECEIVED", partner(clinic, false)), staff(clinic)).get("id");
    }

    private String scheduled(String clinic, String first, String last, String born) {
        Map<String, Object> body = newReferral("RECEIVED", partner(clinic, false));
        body.put("patient", new HashMap<>(Map.of("firstName", first, "lastName", last, "birthDate", born,
                "email", "patient@example.com")));
        // Received in February, accepted late on 3 March 2025 in Seattle (already 4 March in UTC): the visits
        // of the exports (March 2025) come after it, and none may predate the acceptance.
        body.put("referredOn", "2025-02-20");
        return scheduledAfterAcceptingAt(clinic, body, ACCEPTED_LATE_ON_3_MARCH_IN_SEATTLE);
    }

    private List<Object> ids(String path, String clinic) {
        return ((List<Map<String, Object>>) get(path, staff(clinic)).get("items")).stream().map(r -> r.get("id")).toList();
    }
}
