package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A clinic's staff at work: their token and the calls they make, over HTTP only. */
public final class ClinicSession {

    static final Duration PROPAGATION = Duration.ofSeconds(60);

    final String clinic;
    final String token;
    final ServiceApi contacts = RunningPlatform.api(RapportService.CONTACTS);
    final ServiceApi referrals = RunningPlatform.api(RapportService.REFERRALS);
    final ServiceApi outreach = RunningPlatform.api(RapportService.OUTREACH);
    final ServiceApi reports = RunningPlatform.api(RapportService.REPORTS);

    ClinicSession(String name) {
        this.clinic = name + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 32), 36);
        this.token = RunningPlatform.token(clinic, "staff", "clinician");
    }

    /** Registers a referral partner in contacts-service and returns its id. */
    String registerPartner(String lastName) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", "Maya");
        body.put("lastName", lastName);
        body.put("credentials", "MD");
        body.put("specialty", "OB_GYN");
        body.put("organization", "Lakeview Women's Health");
        body.put("email", lastName.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@lakeview.example.com");
        body.put("preferredThankYouChannel", "HANDWRITTEN_NOTE");
        ServiceApi.Answer created = contacts.post("/api/v1/practitioners", token, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    /** A referral received from the partner; retried while the partner is still on its way to referrals-service. */
    String receiveReferral(String partnerId) {
        return receiveReferral(referralBody(partnerId));
    }

    /** The referral in {@code body}, retried while its partner is still on its way to referrals-service. */
    String receiveReferral(Map<String, Object> body) {
        ServiceApi.Answer[] last = new ServiceApi.Answer[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = referrals.post("/api/v1/referrals", token, body);
            return last[0].status() != 422 && last[0].status() < 500;
        });
        assertThat(last[0].status()).as(last[0].toString()).isEqualTo(201);
        return last[0].text("id");
    }

    static Map<String, Object> referralBody(String partnerId) {
        Map<String, Object> patient = new HashMap<>();
        patient.put("firstName", "Elena");
        patient.put("lastName", "Marsh");
        patient.put("birthDate", "1991-04-17");
        patient.put("phone", "+12065550143");
        Map<String, Object> body = new HashMap<>();
        body.put("direction", "RECEIVED");
        body.put("practitionerId", partnerId);
        body.put("channel", "FAX");
        body.put("urgency", "ROUTINE");
        body.put("patient", patient);
        body.put("reason", "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
        body.put("diagnosisCodes", List.of("O26.893", "M54.50"));
        return body;
    }

    /** Every item of a paged list, following the pages. */
    List<JsonNode> all(ServiceApi api, String path) {
        List<JsonNode> items = new java.util.ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            ServiceApi.Answer answer = api.get(path + sep + "size=200&page=" + page, token);
            assertThat(answer.status()).as(path + " " + answer).isEqualTo(200);
            answer.json().get("items").forEach(items::add);
            if (items.size() >= answer.json().get("total").asLong() || answer.json().get("items").isEmpty()) {
                return items;
            }
        }
    }

    /** Thank-you tasks for the partner's referrals, counted per referral. */
    Map<String, Integer> thankYousPerReferral(String partnerId) {
        return countBy(all(outreach, "/api/v1/tasks?type=THANK_YOU&practitionerId=" + partnerId), "referralId");
    }

    /** Progress reports queued to the partner, counted per referral. */
    Map<String, Integer> reportsPerReferral(String partnerId) {
        return countBy(all(reports, "/api/v1/reports?practitionerId=" + partnerId), "referralId");
    }

    private static Map<String, Integer> countBy(List<JsonNode> items, String field) {
        Map<String, Integer> counts = new HashMap<>();
        for (JsonNode item : items) {
            counts.merge(item.path(field).asText(), 1, Integer::sum);
        }
        return counts;
    }
}
