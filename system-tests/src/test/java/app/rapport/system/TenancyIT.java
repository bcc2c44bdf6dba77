package app.rapport.system;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two clinics, every resource type, read / list / update: the other clinic's token reaches
 * nothing — a 404 as for an id that does not exist — and changes nothing.
 */
@Order(35)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyIT {

    private final ClinicSession owner = new ClinicSession("tacoma");
    private final ClinicSession other = new ClinicSession("olympia");
    private String partner;
    private String referral;
    private String task;
    private String report;
    private String consent;
    private String intakeLinkId;
    private String patient;

    @BeforeAll
    void theOwningClinicHasOneOfEverything() {
        partner = owner.registerPartner("Ortega");
        referral = owner.receiveReferral(partner);
        await().atMost(ClinicSession.PROPAGATION).until(() -> owner.thankYousPerReferral(partner).size() == 1);
        await().atMost(ClinicSession.PROPAGATION).until(() -> owner.reportsPerReferral(partner).size() == 1);
        task = owner.all(owner.outreach, "/api/v1/tasks?practitionerId=" + partner).get(0).path("id").asText();
        JsonNode queued = owner.all(owner.reports, "/api/v1/reports?referralId=" + referral).get(0);
        report = queued.path("id").asText();
        patient = queued.path("patientReference").asText();
        ServiceApi.Answer c = owner.reports.post("/api/v1/consents", owner.token, Map.of("patientReference", patient,
                "practitionerId", partner, "scope", List.of("INITIAL"), "validFrom", LocalDate.now().toString(),
                "obtainedVia", "WRITTEN_FORM"));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        consent = c.text("id");
        ServiceApi.Answer link = owner.referrals.post("/api/v1/intake-links", owner.token,
                Map.of("practitionerId", partner, "expiresAt", LocalDate.now().plusDays(30) + "T00:00:00Z"));
        assertThat(link.status()).as(link.toString()).isEqualTo(201);
        intakeLinkId = link.text("id");
    }

    @Test
    void anotherClinicCanNeitherReadNorListNorChangeAnything() {
        List<String> leaks = new ArrayList<>();
        String[][] reads = {
                {"contacts", "/api/v1/practitioners/" + partner},
                {"contacts", "/api/v1/practitioners/" + partner + "/stage-history"},
                {"contacts", "/api/v1/practitioners/" + partner + "/introductions"},
                {"referrals", "/api/v1/referrals/" + referral},
                {"referrals", "/api/v1/referrals/" + referral + "/visits"},
                {"outreach", "/api/v1/tasks/" + task},
                {"outreach", "/api/v1/tasks/" + task + "/card.pdf"},
                {"reports", "/api/v1/reports/" + report},
                {"reports", "/api/v1/reports/" + report + "/render/pdf"},
                {"reports", "/api/v1/reports/" + report + "/render/fhir"},
        };
        for (String[] read : reads) {
            ServiceApi.Answer answer = api(other, read[0]).get(read[1], other.token);
            expectNotFound(leaks, "GET " + read[1], answer);
        }
        String[][] lists = {
                {"contacts", "/api/v1/practitioners?size=200"},
                {"contacts", "/api/v1/practitioners?q=Ortega&size=200"},
                {"contacts", "/api/v1/targets?focus=WOMENS_HEALTH"},
                {"referrals", "/api/v1/referrals?size=200"},
                {"referrals", "/api/v1/referrals?practitionerId=" + partner},
                {"referrals", "/api/v1/intake-links?size=200"},
                {"outreach", "/api/v1/tasks?size=200"},
                {"outreach", "/api/v1/tasks?practitionerId=" + partner},
                {"outreach", "/api/v1/gifts?size=200"},
                {"reports", "/api/v1/reports?size=200"},
                {"reports", "/api/v1/reports?referralId=" + referral},
                {"reports", "/api/v1/disclosures?patient=" + patient},
                {"reports", "/api/v1/analytics/partners"},
                {"reports", "/api/v1/analytics/referrals?by=source"},
        };
        for (String[] list : lists) {
            ServiceApi.Answer answer = api(other, list[0]).get(list[1], other.token);
            Tally.count(Tally.CROSS_CLINIC);
            for (String id : List.of(partner, referral, task, report, consent, intakeLinkId, "Ortega")) {
                if (answer.body().contains(id)) {
                    leaks.add("GET " + list[1] + " shows " + id + ": " + answer);
                }
            }
            if (answer.status() >= 500) {
                leaks.add("GET " + list[1] + " → " + answer);
            }
        }
        String ownPartnerBefore = owner.contacts.get("/api/v1/practitioners/" + partner, owner.token).body();
        String ownReferralBefore = owner.referrals.get("/api/v1/referrals/" + referral, owner.token).body();
        String ownTaskBefore = owner.outreach.get("/api/v1/tasks/" + task, owner.token).body();
        String ownReportBefore = owner.reports.get("/api/v1/reports/" + report, owner.token).body();
        expectNotFound(leaks, "PUT practitioner", other.contacts.put("/api/v1/practitioners/" + partner, other.token,
                Map.of("firstName", "X", "lastName", "Y", "specialty", "DOULA", "preferredThankYouChannel", "EMAIL")));
        expectNotFound(leaks, "stage change", other.contacts.post("/api/v1/practitioners/" + partner + "/stage-changes",
                other.token, Map.of("to", "DORMANT", "reason", "x")));
        expectNotFound(leaks, "archive", other.contacts.post("/api/v1/practitioners/" + partner + "/archive",
                other.token, Map.of("reason", "x")));
        expectNotFound(leaks, "transition", other.referrals.post("/api/v1/referrals/" + referral + "/transitions",
                other.token, Map.of("to", "DECLINED", "reason", "x")));
        expectNotFound(leaks, "visit", other.referrals.post("/api/v1/referrals/" + referral + "/visits",
                other.token, Map.of("visitDate", LocalDate.now().toString(), "type", "TREATMENT")));
        expectNotFound(leaks, "revoke intake link", other.referrals.delete("/api/v1/intake-links/" + intakeLinkId, other.token));
        expectNotFound(leaks, "skip task", other.outreach.post("/api/v1/tasks/" + task + "/skip", other.token,
                Map.of("reason", "x")));
        expectNotFound(leaks, "complete task", other.outreach.post("/api/v1/tasks/" + task + "/complete", other.token,
                Map.of("outcome", "x")));
        expectNotFound(leaks, "send report", other.reports.post("/api/v1/reports/" + report + "/send", other.token,
                Map.of("channel", "PRINT")));
        expectNotFound(leaks, "revoke consent", other.reports.post("/api/v1/consents/" + consent + "/revoke", other.token,
                Map.of("reason", "x")));
        ServiceApi.Answer foreignPartner = other.referrals.post("/api/v1/referrals", other.token, ClinicSession.referralBody(partner));
        Tally.count(Tally.CROSS_CLINIC);
        if (foreignPartner.status() != 422) {
            leaks.add("a referral naming another clinic's partner → " + foreignPartner);
        }
        ServiceApi.Answer foreignGift = other.outreach.post("/api/v1/gifts", other.token, Map.of("practitionerId", partner,
                "kind", "FLOWERS", "value", Map.of("amount", "20.00", "currency", "USD")));
        Tally.count(Tally.CROSS_CLINIC);
        if (foreignGift.status() < 400 || foreignGift.status() >= 500) {
            leaks.add("a gift to another clinic's partner → " + foreignGift);
        }

        assertThat(leaks).as(String.join("\n", leaks)).isEmpty();
        assertThat(owner.contacts.get("/api/v1/practitioners/" + partner, owner.token).body()).isEqualTo(ownPartnerBefore);
        assertThat(owner.referrals.get("/api/v1/referrals/" + referral, owner.token).body()).isEqualTo(ownReferralBefore);
        assertThat(owner.outreach.get("/api/v1/tasks/" + task, owner.token).body()).isEqualTo(ownTaskBefore);
        assertThat(owner.reports.get("/api/v1/reports/" + report, owner.token).body()).isEqualTo(ownReportBefore);
    }

    private static void expectNotFound(List<String> leaks, String what, ServiceApi.Answer answer) {
        Tally.count(Tally.CROSS_CLINIC);
        if (answer.status() != 404 || !answer.isProblem()) {
            leaks.add(what + " → " + answer);
        }
    }

    private static ServiceApi api(ClinicSession s, String service) {
        return switch (service) {
            case "contacts" -> s.contacts;
            case "referrals" -> s.referrals;
            case "outreach" -> s.outreach;
            default -> s.reports;
        };
    }
}
