package app.rapport.system;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every public endpoint that takes input, fed what clients get wrong: malformed JSON, wrong types,
 * missing fields, unknown enum values, oversized bodies and ids that do not exist. Each answer
 * must be a 4xx problem+json, never a 500, and the resource must be unchanged afterwards.
 */
@Order(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClinicSession staff = new ClinicSession("bad-input");
    private String partner;
    private String referral;
    private String task;
    private String report;
    private String consent;
    private String intakeLink;

    /** One endpoint: where it is, a body it accepts, what must not change when it refuses one. */
    private record Endpoint(ServiceApi api, String method, String path, Object validBody, List<String> enumFields, String probe) {
    }

    @BeforeAll
    void aClinicWithAPartnerAReferralATaskAndAReport() {
        partner = staff.registerPartner("Abara");
        referral = staff.receiveReferral(partner);
        await().atMost(ClinicSession.PROPAGATION).until(() -> staff.thankYousPerReferral(partner).size() == 1);
        await().atMost(ClinicSession.PROPAGATION).until(() -> staff.reportsPerReferral(partner).size() == 1);
        await().atMost(ClinicSession.PROPAGATION).until(() ->
                "REFERRING".equals(staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).text("stage")));
        task = staff.all(staff.outreach, "/api/v1/tasks?type=THANK_YOU&practitionerId=" + partner).get(0).path("id").asText();
        JsonNode queued = staff.all(staff.reports, "/api/v1/reports?referralId=" + referral).get(0);
        report = queued.path("id").asText();
        ServiceApi.Answer c = staff.reports.post("/api/v1/consents", staff.token, consentBody(queued.path("patientReference").asText()));
        assertThat(c.status()).as(c.toString()).isEqualTo(201);
        consent = c.text("id");
        ServiceApi.Answer link = staff.referrals.post("/api/v1/intake-links", staff.token,
                Map.of("practitionerId", partner, "expiresAt", LocalDate.now().plusDays(30) + "T00:00:00Z"));
        assertThat(link.status()).as(link.toString()).isEqualTo(201);
        intakeLink = link.text("path");
    }

    private Map<String, Object> consentBody(String patientReference) {
        return Map.of("patientReference", patientReference, "practitionerId", partner,
                "scope", List.of("INITIAL", "PROGRESS"), "validFrom", LocalDate.now().minusDays(1).toString(),
                "obtainedVia", "WRITTEN_FORM");
    }

    private List<Endpoint> endpoints() {
        String p = "/api/v1/practitioners/" + partner;
        String r = "/api/v1/referrals/" + referral;
        String t = "/api/v1/tasks/" + task;
        Map<String, Object> money = Map.of("amount", "45.00", "currency", "USD");
        return List.of(
                new Endpoint(staff.contacts, "POST", "/api/v1/practitioners", Map.of("firstName", "Ruth", "lastName", "Abara",
                        "specialty", "DOULA", "preferredThankYouChannel", "EMAIL", "email", "ruth@doulas.example.com"),
                        List.of("specialty", "preferredThankYouChannel"), "/api/v1/practitioners?size=1"),
                new Endpoint(staff.contacts, "PUT", p, Map.of("firstName", "Maya", "lastName", "Abara", "specialty", "OB_GYN",
                        "preferredThankYouChannel", "PHONE"), List.of("specialty", "preferredThankYouChannel"), p),
                new Endpoint(staff.contacts, "POST", p + "/stage-changes", Map.of("to", "MET", "reason", "Lunch"),
                        List.of("to"), p),
                new Endpoint(staff.contacts, "POST", p + "/introductions", Map.of("practitioner",
                        Map.of("firstName", "Hannah", "lastName", "Lindqvist", "specialty", "DOULA"), "note", "Home births"),
                        List.of(), p + "/introductions"),
                new Endpoint(staff.contacts, "PUT", "/api/v1/target-focuses/POSTPARTUM",
                        Map.of("specialties", List.of("DOULA")), List.of(), "/api/v1/target-focuses"),
                new Endpoint(staff.referrals, "POST", "/api/v1/referrals", ClinicSession.referralBody(partner),
                        List.of("direction", "channel", "urgency"), "/api/v1/referrals?size=1"),
                new Endpoint(staff.referrals, "POST", r + "/transitions", Map.of("to", "ACCEPTED", "reason", "Seen"),
                        List.of("to"), r),
                new Endpoint(staff.referrals, "POST", "/api/v1/intake-links",
                        Map.of("practitionerId", partner, "expiresAt", LocalDate.now().plusDays(7) + "T00:00:00Z"),
                        List.of(), "/api/v1/intake-links?size=1"),
                new Endpoint(staff.referrals, "POST", intakeLink, Map.of("patient", Map.of("firstName", "Ana", "lastName", "Ruiz",
                        "birthDate", "1990-01-01", "phone", "+12065550100"), "reason", "Neck pain", "urgency", "ROUTINE"),
                        List.of("urgency"), "/api/v1/referrals?size=1"),
                new Endpoint(staff.outreach, "POST", t + "/complete", Map.of("outcome", "Card mailed"), List.of(), t),
                new Endpoint(staff.outreach, "POST", t + "/skip", Map.of("reason", "Thanked in person"), List.of(), t),
                new Endpoint(staff.outreach, "POST", t + "/reschedule", Map.of("dueOn", LocalDate.now().plusDays(3).toString()),
                        List.of(), t),
                new Endpoint(staff.outreach, "POST", "/api/v1/gifts", Map.of("practitionerId", partner, "kind", "FLOWERS",
                        "value", money), List.of("kind"), "/api/v1/gifts?size=1"),
                new Endpoint(staff.outreach, "POST", "/api/v1/invitations", Map.of("practitionerId", partner,
                        "offer", "FREE_EVALUATION", "channel", "EMAIL", "value", money), List.of("offer", "channel"),
                        "/api/v1/tasks?size=1"),
                new Endpoint(staff.outreach, "PUT", "/api/v1/goals/weekly", Map.of("target", 2), List.of(), "/api/v1/goals/weekly"),
                new Endpoint(staff.outreach, "PUT", "/api/v1/templates/THANK_YOU", Map.of("subject", "Thanks", "body", "Dear {{partnerName}}"),
                        List.of(), "/api/v1/templates/THANK_YOU"),
                new Endpoint(staff.reports, "POST", "/api/v1/consents", consentBody(UUID.randomUUID().toString()),
                        List.of("obtainedVia"), "/api/v1/reports/" + report),
                new Endpoint(staff.reports, "POST", "/api/v1/consents/" + consent + "/revoke", Map.of("reason", "Withdrawn"),
                        List.of(), "/api/v1/reports/" + report),
                new Endpoint(staff.reports, "POST", "/api/v1/reports", Map.of("referralId", referral, "type", "PROGRESS"),
                        List.of("type"), "/api/v1/reports?size=1"),
                new Endpoint(staff.reports, "POST", "/api/v1/reports/" + report + "/send", Map.of("channel", "PRINT"),
                        List.of("channel"), "/api/v1/reports/" + report),
                new Endpoint(staff.contacts, "PUT", "/api/v1/plugins/csv-practitioner-importer", Map.of("enabled", true),
                        List.of(), "/api/v1/plugins"));
    }

    @Test
    void everyBadInputIsAClientProblemAndChangesNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            String before = state(e);
            for (Map.Entry<String, String> bad : badBodies(e).entrySet()) {
                ServiceApi.Answer answer = e.api().send(e.method(), e.path(), staff.token, bad.getValue(), "application/json");
                Tally.count(Tally.BAD_INPUTS);
                if (answer.status() < 400 || answer.status() >= 500 || !answer.isProblem()) {
                    failures.add(e.method() + " " + e.path() + " [" + bad.getKey() + "] → " + answer);
                }
            }
            String after = state(e);
            if (!before.equals(after)) {
                failures.add(e.method() + " " + e.path() + ": state changed by refused input\n  before " + before + "\n  after  " + after);
            }
        }
        for (Endpoint e : endpoints()) {
            if (e.path().contains(partner) || e.path().contains(referral) || e.path().contains(task)
                    || e.path().contains(report) || e.path().contains(consent)) {
                String missing = e.path().replace(partner, UUID.randomUUID().toString())
                        .replace(referral, UUID.randomUUID().toString()).replace(task, UUID.randomUUID().toString())
                        .replace(report, UUID.randomUUID().toString()).replace(consent, UUID.randomUUID().toString());
                ServiceApi.Answer answer = e.api().send(e.method(), missing, staff.token, JSON.writeValueAsString(e.validBody()),
                        "application/json");
                Tally.count(Tally.BAD_INPUTS);
                if (answer.status() != 404 || !answer.isProblem()) {
                    failures.add(e.method() + " " + missing + " [id that does not exist] → " + answer);
                }
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }

    /** What a refused request must leave as it was: the probe's body, or a list's total. */
    private String state(Endpoint e) {
        ServiceApi.Answer answer = e.api().get(e.probe(), staff.token);
        if (answer.json() != null && answer.json().has("total")) {
            return "total=" + answer.json().get("total").asText();
        }
        return answer.status() + " " + answer.body();
    }

    private Map<String, String> badBodies(Endpoint e) throws Exception {
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        ObjectNode valid = JSON.valueToTree(e.validBody());
        bodies.put("malformed JSON", "{\"" + valid.fieldNames().next() + "\": ");
        bodies.put("not an object", "[1, 2, 3]");
        bodies.put("empty object: required fields missing", "{}");
        bodies.put("oversized body", "{\"x\": \"" + "a".repeat(300_000) + "\"}");
        for (Iterator<String> names = valid.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            ObjectNode wrong = valid.deepCopy();
            if (valid.get(field).isContainerNode()) {
                wrong.put(field, 42);
            } else {
                wrong.putObject(field).putArray("unexpected").add(1);
            }
            bodies.put("wrong type for " + field, JSON.writeValueAsString(wrong));
            ObjectNode missing = valid.deepCopy();
            missing.remove(field);
            // fields every client must send (others have documented defaults)
            if (List.of("direction", "practitionerId", "to", "patient", "outcome",
                    "referralId", "type", "patientReference", "scope", "validFrom", "subject", "body", "target",
                    "specialties", "kind", "value", "dueOn", "enabled").contains(field)) {
                bodies.put("missing " + field, JSON.writeValueAsString(missing));
            }
        }
        for (String field : e.enumFields()) {
            ObjectNode unknown = valid.deepCopy();
            unknown.put(field, "NOT_A_" + field.toUpperCase());
            bodies.put("unknown value of " + field, JSON.writeValueAsString(unknown));
        }
        return bodies;
    }
}
