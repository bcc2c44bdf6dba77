package app.rapport.system;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Races between two people, or between a person and the pipeline, over HTTP against the real
 * processes (issue 15): each ends with nothing overwritten, nothing done twice, nothing lost.
 * The two sides are released together by a latch; each race is run several times.
 */
@Order(37)
class RacesIT {

    private static final int ROUNDS = 3;

    /** Two staff opened the same partner and save at once on the version both saw: one lands, the other is told. */
    @Test
    void twoStaffSavingOnePartnerAtOnce() {
        ClinicSession staff = new ClinicSession("races-edit");
        for (int round = 0; round < ROUNDS; round++) {
            String partner = staff.registerPartner("Okafor");
            JsonNode opened = staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).json();
            String etag = "\"" + opened.path("version").asLong() + "\"";
            Map<String, ServiceApi.Answer> saves = together(
                    () -> staff.contacts.send("PUT", "/api/v1/practitioners/" + partner, staff.token,
                            edited(opened, "Prefers fax"), "application/json", Map.of("If-Match", etag)),
                    () -> staff.contacts.send("PUT", "/api/v1/practitioners/" + partner, staff.token,
                            edited(opened, "Lunch on Thursdays"), "application/json", Map.of("If-Match", etag)),
                    "Prefers fax", "Lunch on Thursdays");

            List<Integer> statuses = saves.values().stream().map(ServiceApi.Answer::status).sorted().toList();
            assertThat(statuses).as(saves.toString()).containsExactly(200, 412);
            String landed = saves.entrySet().stream().filter(e -> e.getValue().status() == 200).findFirst().orElseThrow().getKey();
            ServiceApi.Answer lost = saves.values().stream().filter(a -> a.status() == 412).findFirst().orElseThrow();
            assertThat(lost.isProblem()).isTrue();
            assertThat(lost.json().path("extra").path("currentVersion").asLong()).isEqualTo(opened.path("version").asLong() + 1);
            assertThat(staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).text("notes")).isEqualTo(landed);
            Tally.count(Tally.RACES);
        }
    }

    /**
     * Staff complete the thank-you while the partner's edited snapshot flows through the pipeline to
     * outreach: the task stays completed with what staff wrote, and the snapshot lands all the same.
     */
    @Test
    void aPartnerEditReachingOutreachWhileStaffCompleteTheThankYou() {
        ClinicSession staff = new ClinicSession("races-thanks");
        for (int round = 0; round < ROUNDS; round++) {
            String partner = staff.registerPartner("Lindqvist");
            String referral = staff.receiveReferral(partner);
            String task = thankYouOf(staff, partner, referral);
            JsonNode before = staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).json();
            String renamed = "Lindqvist-Berg" + round;
            Map<String, ServiceApi.Answer> both = together(
                    () -> staff.outreach.post("/api/v1/tasks/" + task + "/complete", staff.token,
                            Map.of("outcome", "Card signed and mailed")),
                    () -> staff.contacts.put("/api/v1/practitioners/" + partner, staff.token, renamedTo(before, renamed)),
                    "complete", "partner edit");
            assertThat(both.get("complete").status()).as(both.toString()).isEqualTo(200);
            assertThat(both.get("partner edit").status()).as(both.toString()).isEqualTo(200);

            // the snapshot went through the pipeline (referrals-service shows the new name) …
            await().atMost(ClinicSession.PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() ->
                    staff.referrals.get("/api/v1/referrals/" + referral, staff.token).body().contains(renamed));
            // … and the thank-you stays as staff left it
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode t = staff.outreach.get("/api/v1/tasks/" + task, staff.token).json();
                return "DONE".equals(t.path("status").asText())
                        && "Card signed and mailed".equals(t.path("outcome").asText());
            });
            Tally.count(Tally.RACES);
        }
    }

    /**
     * Two clicks on Deliver of the same thank-you, on the version the page showed: it is carried
     * out once; the other click is told it was already done (409) or changed meanwhile (412).
     */
    @Test
    void twoClicksOnDeliver() {
        ClinicSession staff = new ClinicSession("races-deliver");
        for (int round = 0; round < ROUNDS; round++) {
            String partner = staff.registerPartner("Reyes");
            String referral = staff.receiveReferral(partner);
            String task = thankYouOf(staff, partner, referral);
            String etag = "\"" + staff.outreach.get("/api/v1/tasks/" + task, staff.token).json().path("version").asLong() + "\"";
            Supplier<ServiceApi.Answer> click = () -> staff.outreach.send("POST", "/api/v1/tasks/" + task + "/deliver",
                    staff.token, Map.of(), "application/json", Map.of("If-Match", etag));
            Map<String, ServiceApi.Answer> clicks = together(click, click, "first", "second");

            List<Integer> statuses = clicks.values().stream().map(ServiceApi.Answer::status).sorted().toList();
            assertThat(statuses).as(clicks.toString()).hasSize(2).contains(200);
            assertThat(statuses.get(1)).as(clicks.toString()).isIn(409, 412);
            JsonNode after = staff.outreach.get("/api/v1/tasks/" + task, staff.token).json();
            assertThat(after.path("deliveredAt").isNull() || after.path("deliveredAt").isMissingNode()).isFalse();
            assertThat(after.path("version").asLong()).as("one delivery moved the task once").isEqualTo(
                    Long.parseLong(etag.replace("\"", "")) + 1);
            Tally.count(Tally.RACES);
        }
    }

    /**
     * Staff revoke a partner's intake link while the partner's office keeps submitting through it:
     * every submission accepted is counted on the link, none is accepted once the revoke answered,
     * and the link stays revoked.
     */
    @Test
    void anIntakeLinkRevokedWhileSubmissionsArrive() {
        ClinicSession staff = new ClinicSession("races-intake");
        for (int round = 0; round < ROUNDS; round++) {
            String partner = staff.registerPartner("Whitfield");
            staff.receiveReferral(partner); // the partner has reached referrals-service
            ServiceApi.Answer issued = staff.referrals.post("/api/v1/intake-links", staff.token, Map.of("practitionerId", partner,
                    "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString(), "label", "front desk"));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            String token = issued.text("token");
            String link = issued.text("id");

            List<ServiceApi.Answer> submissions = Collections.synchronizedList(new ArrayList<>());
            Instant[] revokeAnswered = new Instant[1];
            List<Instant> submittedAfterRevoke = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch start = new CountDownLatch(1);
            CompletableFuture<Void> office = CompletableFuture.runAsync(() -> {
                released(start);
                for (int i = 0; i < 6; i++) {
                    Instant sent = Instant.now();
                    ServiceApi.Answer a = staff.referrals.post("/api/v1/intake/" + token, null, intakeSubmission());
                    submissions.add(a);
                    synchronized (revokeAnswered) {
                        if (revokeAnswered[0] != null && sent.isAfter(revokeAnswered[0])) {
                            submittedAfterRevoke.add(sent);
                            assertThat(a.status()).as("a submission sent after the revoke answered: " + a).isEqualTo(404);
                        }
                    }
                }
            });
            CompletableFuture<ServiceApi.Answer> revoke = CompletableFuture.supplyAsync(() -> {
                released(start);
                ServiceApi.Answer a = staff.referrals.delete("/api/v1/intake-links/" + link, staff.token);
                synchronized (revokeAnswered) {
                    revokeAnswered[0] = Instant.now();
                }
                return a;
            });
            start.countDown();
            office.join();
            assertThat(revoke.join().status()).isEqualTo(200);

            long accepted = submissions.stream().filter(a -> a.status() == 201).count();
            assertThat(submissions).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isIn(201, 404));
            JsonNode after = staff.referrals.get("/api/v1/intake-links/" + link, staff.token).json();
            assertThat(after.path("status").asText()).isEqualTo("REVOKED");
            assertThat(after.path("submissions").asLong()).as("every accepted submission counted").isEqualTo(accepted);
            assertThat(staff.referrals.post("/api/v1/intake/" + token, null, intakeSubmission()).status()).isEqualTo(404);
            Tally.count(Tally.RACES);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Runs both calls at the same moment and returns their answers under the given names. */
    private static Map<String, ServiceApi.Answer> together(Supplier<ServiceApi.Answer> a, Supplier<ServiceApi.Answer> b, String nameA,
                                                    String nameB) {
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<ServiceApi.Answer> first = CompletableFuture.supplyAsync(() -> {
            released(start);
            return a.get();
        });
        CompletableFuture<ServiceApi.Answer> second = CompletableFuture.supplyAsync(() -> {
            released(start);
            return b.get();
        });
        start.countDown();
        Map<String, ServiceApi.Answer> answers = new HashMap<>();
        answers.put(nameA, first.join());
        answers.put(nameB, second.join());
        return answers;
    }

    private static void released(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The thank-you outreach planned for the referral, once it is there. */
    private static String thankYouOf(ClinicSession staff, String partner, String referral) {
        String[] id = new String[1];
        await().atMost(ClinicSession.PROPAGATION).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (JsonNode t : staff.all(staff.outreach, "/api/v1/tasks?type=THANK_YOU&practitionerId=" + partner)) {
                if (referral.equals(t.path("referralId").asText())) {
                    id[0] = t.path("id").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    /** The partner's details as the edit form sends them back, with new notes. */
    private static Map<String, Object> edited(JsonNode partner, String notes) {
        Map<String, Object> body = details(partner);
        body.put("notes", notes);
        return body;
    }

    private static Map<String, Object> renamedTo(JsonNode partner, String lastName) {
        Map<String, Object> body = details(partner);
        body.put("lastName", lastName);
        return body;
    }

    private static Map<String, Object> details(JsonNode partner) {
        Map<String, Object> body = new HashMap<>();
        for (String field : List.of("firstName", "lastName", "credentials", "specialty", "organization", "email",
                "preferredThankYouChannel")) {
            if (partner.hasNonNull(field)) {
                body.put(field, partner.path(field).asText());
            }
        }
        return body;
    }

    private static Map<String, Object> intakeSubmission() {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", new HashMap<>(Map.of("firstName", "Elena", "lastName", "Marsh", "birthDate", "1991-04-17",
                "phone", "+12065550100")));
        body.put("reason", "Low back pain at 28 weeks; please evaluate");
        body.put("urgency", "ROUTINE");
        body.put("contact", new HashMap<>(Map.of("name", "Dana Whitfield", "phone", "+12065550177")));
        return body;
    }
}
