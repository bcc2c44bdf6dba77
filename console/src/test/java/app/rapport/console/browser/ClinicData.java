package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a clinic already has before a person opens the console: partners, referrals, tasks. Set
 * up over the services' own HTTP APIs with an HS256 token of the local runtime (as scripts do),
 * never through the page under test.
 */
public final class ClinicData {

    /** How long an event may take to reach the other services on two busy cores. */
    public static final Duration PROPAGATION = Duration.ofSeconds(60);

    private final String clinic;
    private final String token;
    private final ServiceApi contacts;
    private final ServiceApi referrals;
    private final ServiceApi outreach;
    private final ServiceApi reports;

    ClinicData(ConsoleStack stack, String clinic) {
        this.clinic = clinic;
        this.token = stack.platform().mintToken("console-it", clinic, List.of("staff", "clinician"), Duration.ofHours(2));
        this.contacts = stack.api(RapportService.CONTACTS);
        this.referrals = stack.api(RapportService.REFERRALS);
        this.outreach = stack.api(RapportService.OUTREACH);
        this.reports = stack.api(RapportService.REPORTS);
    }

    /** A clinic id no earlier run used: {@code seattle-downtown-k3x9q2}. Data from other tests and runs stays out of sight. */
    public static String uniqueClinic(String prefix) {
        return prefix + "-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    public String clinic() {
        return clinic;
    }

    /** An HS256 token of this clinic with roles staff and clinician. */
    public String token() {
        return token;
    }

    public ServiceApi contacts() {
        return contacts;
    }

    public ServiceApi referrals() {
        return referrals;
    }

    public ServiceApi outreach() {
        return outreach;
    }

    public ServiceApi reports() {
        return reports;
    }

    /** A referral partner as staff see it. */
    public record Partner(String id, String firstName, String lastName, String email) {
        public String fullName() {
            return firstName + " " + lastName;
        }
    }

    /** Dr. Maya {@code lastName}, MD, OB/GYN, thanked by handwritten note. */
    public Partner registerPartner(String lastName) {
        return registerPartner("Maya", lastName, "OB_GYN", "HANDWRITTEN_NOTE");
    }

    /**
     * Registers a partner in contacts-service (201). {@code specialty} and {@code thankYouChannel}
     * are the service's enum names ({@code OB_GYN}, {@code DOULA} …; {@code EMAIL},
     * {@code HANDWRITTEN_NOTE}, {@code PHONE}). The e-mail address is unique per call.
     */
    public Partner registerPartner(String firstName, String lastName, String specialty, String thankYouChannel) {
        String email = lastName.toLowerCase().replaceAll("[^a-z]", "") + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "@lakeview.example.com";
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        body.put("credentials", "MD");
        body.put("specialty", specialty);
        body.put("organization", "Lakeview Women's Health");
        body.put("email", email);
        body.put("preferredThankYouChannel", thankYouChannel);
        ServiceApi.Answer created = contacts.post("/api/v1/practitioners", token, body);
        assertThat(created.status()).as("register partner: %s", created).isEqualTo(201);
        return new Partner(created.text("id"), firstName, lastName, email);
    }

    /**
     * A referral received from the partner, for patient Elena Marsh; returns its id. Retried
     * while the partner is still on its way to referrals-service (a 422 naming practitionerId),
     * so it also waits until referrals-service knows the partner.
     */
    public String receiveReferral(Partner partner) {
        return createReferral(referralBody("RECEIVED", partner.id()));
    }

    /** A referral this clinic sends to the partner (a reverse referral); returns its id. */
    public String sendReferral(Partner partner) {
        Map<String, Object> body = referralBody("SENT", partner.id());
        body.put("channel", "EMAIL");
        return createReferral(body);
    }

    /** POSTs any referral body, retried while referrals-service does not know its partner yet. */
    public String createReferral(Map<String, Object> body) {
        ServiceApi.Answer[] last = new ServiceApi.Answer[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = referrals.post("/api/v1/referrals", token, body);
            return last[0].status() != 422 && last[0].status() < 500;
        });
        assertThat(last[0].status()).as("create referral: %s", last[0]).isEqualTo(201);
        return last[0].text("id");
    }

    /** The body of a referral from (or to) {@code partnerId} for patient Elena Marsh; change it before posting. */
    public static Map<String, Object> referralBody(String direction, String partnerId) {
        Map<String, Object> patient = new HashMap<>();
        patient.put("firstName", "Elena");
        patient.put("lastName", "Marsh");
        patient.put("birthDate", "1991-04-17");
        patient.put("phone", "+12065550143");
        Map<String, Object> body = new HashMap<>();
        body.put("direction", direction);
        body.put("practitionerId", partnerId);
        body.put("channel", "FAX");
        body.put("urgency", "ROUTINE");
        body.put("patient", patient);
        body.put("reason", "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
        body.put("diagnosisCodes", List.of("O26.893", "M54.50"));
        return body;
    }

    /**
     * Waits until referrals-service knows the partner, creating nothing: a referral without a way
     * to reach the patient is refused for the partner first (practitionerId) while the partner is
     * on its way, and for the patient's phone once it has arrived.
     */
    public void awaitKnownToReferrals(Partner partner) {
        Map<String, Object> body = referralBody("RECEIVED", partner.id());
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) body.get("patient");
        patient.remove("phone");
        ServiceApi.Answer[] last = new ServiceApi.Answer[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = referrals.post("/api/v1/referrals", token, body);
            return last[0].status() == 422 && "patient.phone".equals(last[0].text("/errors/0/field"));
        });
    }

    /** How many referrals of {@code direction} the clinic has, as referrals-service counts them. */
    public long referralCount(String direction) {
        ServiceApi.Answer answer = referrals.get("/api/v1/referrals?size=1&direction=" + direction, token);
        assertThat(answer.status()).as("count referrals: %s", answer).isEqualTo(200);
        return answer.json().get("total").asLong();
    }

    /** Waits until outreach-service has scheduled the thank-you for the referral, and returns the task. */
    public JsonNode awaitThankYouTask(String referralId) {
        JsonNode[] task = new JsonNode[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() -> {
            task[0] = all(outreach, "/api/v1/tasks?type=THANK_YOU").stream()
                    .filter(t -> referralId.equals(t.path("referralId").asText())).findFirst().orElse(null);
            return task[0] != null;
        });
        return task[0];
    }

    /** Waits until reports-service has queued a report for the referral, and returns it. */
    public JsonNode awaitQueuedReport(String referralId) {
        JsonNode[] report = new JsonNode[1];
        await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() -> {
            List<JsonNode> items = all(reports, "/api/v1/reports?referralId=" + referralId);
            report[0] = items.isEmpty() ? null : items.get(0);
            return report[0] != null;
        });
        return report[0];
    }

    /** Every item of a paged list ({@code {items, total}}), following the pages. */
    public List<JsonNode> all(ServiceApi api, String path) {
        List<JsonNode> items = new ArrayList<>();
        String sep = path.contains("?") ? "&" : "?";
        for (int page = 0; ; page++) {
            ServiceApi.Answer answer = api.get(path + sep + "size=200&page=" + page, token);
            assertThat(answer.status()).as("%s %s", path, answer).isEqualTo(200);
            answer.json().get("items").forEach(items::add);
            if (items.size() >= answer.json().get("total").asLong() || answer.json().get("items").isEmpty()) {
                return items;
            }
        }
    }
}
