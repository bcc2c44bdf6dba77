package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The flow that defines the platform, as staff and clinicians live it: a partner refers a
 * patient, the thank-you and the progress report follow by themselves, the report goes out with
 * the patient's consent, and the loop closes on the referral.
 */
@Order(10)
class DefiningFlowIT {

    @Test
    void aReceivedReferralIsThankedReportedWithConsentAndItsLoopClosed() {
        ClinicSession staff = new ClinicSession("seattle-downtown");
        String partner = staff.registerPartner("Okafor");

        // The partner is known to referrals-service before the traced request.
        staff.receiveReferral(partner);
        String trace = java.util.HexFormat.of().formatHex(java.util.UUID.randomUUID().toString().replace("-", "")
                .substring(0, 16).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ServiceApi.Answer received = staff.referrals.send("POST", "/api/v1/referrals", staff.token,
                ClinicSession.referralBody(partner), "application/json",
                Map.of("traceparent", "00-" + trace + "-00f067aa0ba902b7-01"));
        assertThat(received.status()).as(received.toString()).isEqualTo(201);
        String referral = received.text("id");

        // Within seconds: a thank-you task for the partner and a report queued for them.
        await().atMost(ClinicSession.PROPAGATION).until(() -> staff.thankYousPerReferral(partner).get(referral) == Integer.valueOf(1));
        await().atMost(ClinicSession.PROPAGATION).until(() -> staff.reportsPerReferral(partner).get(referral) == Integer.valueOf(1));
        // One trace across the services: the request's trace id is on the events outreach and reports wrote about it.
        for (String topic : List.of("referrals.referrals.v1", "referrals.patients.v1", "outreach.activities.v1",
                "reports.reports.v1")) {
            await().atMost(ClinicSession.PROPAGATION).untilAsserted(() -> assertThat(KafkaRecords.traceIds(topic, referral))
                    .as("trace ids of the events on %s about the referral", topic).containsOnly(trace));
        }
        // Who the patient is travels only on the topic reports-service alone reads (ADR 0206).
        assertThat(KafkaRecords.traceIds("referrals.patients.v1", "Marsh")).contains(trace);
        for (String topic : List.of("referrals.referrals.v1", "outreach.activities.v1", "reports.reports.v1")) {
            assertThat(KafkaRecords.traceIds(topic, "Marsh")).as("records on %s naming the patient", topic).isEmpty();
        }
        // ... and in the log of every service that handled it.
        for (RapportService service : RapportService.values()) {
            await().atMost(ClinicSession.PROPAGATION).untilAsserted(() ->
                    assertThat(Files.readString(RunningPlatform.get().logFile(service))).as("%s log", service).contains(trace));
        }
        JsonNode report = staff.all(staff.reports, "/api/v1/reports?referralId=" + referral).get(0);
        assertThat(report.path("status").asText()).isEqualTo("AWAITING_CONSENT");
        String reportId = report.path("id").asText();

        // Consent on file → the report becomes a draft.
        ServiceApi.Answer consent = staff.reports.post("/api/v1/consents", staff.token, Map.of(
                "patientReference", report.path("patientReference").asText(),
                "practitionerId", partner,
                "scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"),
                "validFrom", LocalDate.now().minusDays(1).toString(),
                "validTo", LocalDate.now().plusYears(1).toString(),
                "obtainedVia", "WRITTEN_FORM"));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        assertThat(staff.reports.get("/api/v1/reports/" + reportId, staff.token).text("status")).isEqualTo("DRAFT");

        // The clinician fills the four parts and sends it (to the print queue: no mail server here).
        ServiceApi.Answer content = staff.reports.put("/api/v1/reports/" + reportId + "/content", staff.token,
                ReportDrafts.content("Thank you for referring your patient. Our plan of care follows."));
        assertThat(content.status()).as(content.toString()).isEqualTo(200);
        ServiceApi.Answer sent = staff.reports.post("/api/v1/reports/" + reportId + "/send", staff.token, Map.of("channel", "PRINT"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);

        // The loop closes on the referral, and the partner's last contact moves.
        await().atMost(ClinicSession.PROPAGATION).until(() ->
                staff.referrals.get("/api/v1/referrals/" + referral, staff.token).text("loop.closedAt") != null);
        await().atMost(ClinicSession.PROPAGATION).until(() ->
                staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).text("lastContactAt") != null);

        // The analytics count the referral for its source.
        await().atMost(ClinicSession.PROPAGATION).until(() -> {
            ServiceApi.Answer bySource = staff.reports.get("/api/v1/analytics/referrals?by=source", staff.token);
            return bySource.status() == 200 && bySource.body().contains(partner);
        });
        // Operators see the work by status in Prometheus.
        await().atMost(Duration.ofSeconds(90)).until(() ->
                staff.outreach.get("/prometheus", null).body().contains("rapport_outreach_tasks{status=\"OPEN\",type=\"THANK_YOU\"}"));
        await().atMost(Duration.ofSeconds(90)).until(() ->
                staff.reports.get("/prometheus", null).body().contains("rapport_reports{status=\"SENT\",type=\"INITIAL\"}"));
        Tally.count(Tally.FLOWS);
    }
}
