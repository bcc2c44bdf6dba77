package app.rapport.system;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A received referral's report to its partner, with content and the patient's consent: ready to send. */
final class ReportDrafts {

    record Draft(ClinicSession staff, String partner, String referral, String reportId, String patient, String consentId) {
    }

    private ReportDrafts() {
    }

    static Draft ready(ClinicSession staff) {
        String partner = staff.registerPartner("Okafor");
        String referral = staff.receiveReferral(partner);
        await().atMost(ClinicSession.PROPAGATION).until(() -> staff.reportsPerReferral(partner).get(referral) == Integer.valueOf(1));
        JsonNode report = staff.all(staff.reports, "/api/v1/reports?referralId=" + referral).get(0);
        String reportId = report.path("id").asText();
        String patient = report.path("patientReference").asText();
        ServiceApi.Answer consent = staff.reports.post("/api/v1/consents", staff.token, Map.of(
                "patientReference", patient, "practitionerId", partner,
                "scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"),
                "validFrom", LocalDate.now().minusDays(1).toString(), "obtainedVia", "WRITTEN_FORM"));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(201);
        ServiceApi.Answer written = staff.reports.put("/api/v1/reports/" + reportId + "/content", staff.token,
                content("Our plan of care follows."));
        assertThat(written.status()).as(written.toString()).isEqualTo(200);
        // The partner (and their e-mail address) reaches reports-service's directory copy by its own event.
        await().atMost(ClinicSession.PROPAGATION).until(() ->
                staff.reports.get("/api/v1/reports/" + reportId + "/render/pdf", staff.token).status() == 200);
        return new Draft(staff, partner, referral, reportId, patient, consent.text("id"));
    }

    static Map<String, Object> content(String coverLetter) {
        return Map.ofEntries(
                Map.entry("treatmentPlanned", "Adjustments of the lumbar spine and SI joints, pelvic stabilisation exercises"),
                Map.entry("rationale", "Pelvic girdle pain in pregnancy responds to manual therapy with stabilisation"),
                Map.entry("visitsPerWeek", 2),
                Map.entry("durationWeeks", 6),
                Map.entry("goals", List.of(Map.of("goal", "Return to full-time work",
                        "anticipatedOutcome", "Pain at most 3/10 through a shift"))),
                Map.entry("measures", List.of(Map.of("name", "Pain (NRS 0-10)", "unit", "{score}", "baseline", 7, "current", 3))),
                Map.entry("history", "28 weeks pregnant; low back and pelvic pain for six weeks"),
                Map.entry("examination", "Positive ASLR, right SIJ tender"),
                Map.entry("diagnosisCodes", List.of("O26.893", "M54.50")),
                Map.entry("coverLetter", coverLetter));
    }

    /** The disclosures of the patient that are this report's. */
    static List<JsonNode> disclosures(Draft d) {
        return d.staff().all(d.staff().reports, "/api/v1/disclosures?patient=" + d.patient()).stream()
                .filter(n -> d.reportId().equals(n.path("reportId").asText())).toList();
    }
}
