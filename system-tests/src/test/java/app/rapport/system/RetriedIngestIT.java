package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Front desks keep entering received referrals while referrals-service is killed with -9 and
 * restarted. Each client retries every referral with its own Idempotency-Key on a timeout, a
 * connection error, a 503 or a 409 "still being processed", until it gets an answer. Afterwards
 * every key is exactly one referral: none lost, none doubled, and each has one thank-you task in
 * outreach-service and one queued report in reports-service.
 */
@Order(25)
class RetriedIngestIT {

    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final int CLIENTS = 6;
    private static final int PER_CLIENT = 15;
    /** Killed at a quarter, half and three quarters of the way: each time some POSTs are in flight. */
    private static final int KILLS = 3;
    private static final String KEY_IN_REASON = "retry key ";

    private final LocalPlatform platform = RunningPlatform.get();

    @Test
    void referralsRetriedWithTheirKeysAcrossAKill9OfReferralsServiceAreEachRecordedOnce() throws Exception {
        ClinicSession staff = new ClinicSession("retried-ingest");
        String partner = staff.registerPartner("Okafor");
        // the first one waits until the partner is known to referrals-service, then the clients start
        String warmUp = staff.receiveReferral(partner);

        Map<String, String> idByKey = new ConcurrentHashMap<>();
        List<String> answeredWithoutId = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        List<CompletableFuture<Void>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < PER_CLIENT; i++) {
                    String key = UUID.randomUUID().toString();
                    ServiceApi.Answer answer = postUntilAnswered(staff, partner, key, retried);
                    if (answer.status() == 201) {
                        idByKey.put(key, answer.text("id"));
                    } else {
                        answeredWithoutId.add(key); // applied, but the answer died with the process
                    }
                    answered.incrementAndGet();
                }
            }));
        }
        for (int kill = 1; kill <= KILLS; kill++) {
            int due = CLIENTS * PER_CLIENT * kill / (KILLS + 1);
            await().atMost(SETTLE).until(() -> answered.get() >= due);
            platform.stopService(RapportService.REFERRALS, true);
            platform.startService(RapportService.REFERRALS);
        }
        CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        platform.awaitHealthy(Duration.ofMinutes(3));
        assertThat(answered.get()).isEqualTo(CLIENTS * PER_CLIENT);

        // Every key the clients used is exactly one referral of this partner: none lost, none doubled.
        Map<String, List<String>> referralsByKey = referralsByKey(staff, partner);
        Map<String, Integer> perKey = referralsByKey.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
        Map<String, Integer> once = new HashMap<>();
        idByKey.keySet().forEach(k -> once.put(k, 1));
        answeredWithoutId.forEach(k -> once.put(k, 1));
        assertThat(perKey).as("referrals per Idempotency-Key").containsExactlyInAnyOrderEntriesOf(once);
        idByKey.forEach((key, id) -> assertThat(referralsByKey.get(key)).as(key).containsExactly(id));

        // And downstream: one thank-you task and one queued report per referral.
        Map<String, Integer> perReferral = new HashMap<>();
        referralsByKey.values().forEach(ids -> ids.forEach(id -> perReferral.put(id, 1)));
        perReferral.put(warmUp, 1);
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(staff.thankYousPerReferral(partner)).as("thank-you tasks per referral")
                        .containsExactlyInAnyOrderEntriesOf(perReferral));
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(staff.reportsPerReferral(partner)).as("reports queued per referral")
                        .containsExactlyInAnyOrderEntriesOf(perReferral));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> staff.thankYousPerReferral(partner).equals(perReferral)
                        && staff.reportsPerReferral(partner).equals(perReferral));
        Tally.count(Tally.FAULTS);
        System.out.println("fault survived: kill -9 referrals-service " + KILLS + " times with " + once.size()
                + " referrals, " + retried.get() + " of them sent again after no answer (" + answeredWithoutId.size()
                + " answers lost, none doubled)");
    }

    /**
     * A client that does not know whether its POST got through sends it again with the same key,
     * until the service answers with the outcome (201, or 409 "applied, answer lost").
     */
    private static ServiceApi.Answer postUntilAnswered(ClinicSession staff, String partner, String key, AtomicInteger retried) {
        Map<String, Object> body = ClinicSession.referralBody(partner);
        body.put("reason", "Low back and pelvic girdle pain at 28 weeks; " + KEY_IN_REASON + key);
        ServiceApi.Answer[] last = new ServiceApi.Answer[1];
        int[] attempts = new int[1];
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).ignoreException(UncheckedIOException.class).until(() -> {
            if (attempts[0]++ == 1) {
                retried.incrementAndGet();
            }
            ServiceApi.Answer answer = staff.referrals.send("POST", "/api/v1/referrals", staff.token, body, "application/json",
                    Map.of("Idempotency-Key", key));
            assertThat(answer.status()).as(answer.toString()).isNotIn(400, 401, 403, 404, 422);
            last[0] = answer;
            return answer.status() == 201
                    || answer.status() == 409 && answer.body().contains("idempotency-answer-lost");
        });
        return last[0];
    }

    /** The partner's referrals, grouped by the key their reason carries. */
    private static Map<String, List<String>> referralsByKey(ClinicSession staff, String partner) {
        Map<String, List<String>> byKey = new HashMap<>();
        for (JsonNode item : staff.all(staff.referrals, "/api/v1/referrals?practitionerId=" + partner)) {
            String id = item.path("id").asText();
            ServiceApi.Answer one = staff.referrals.get("/api/v1/referrals/" + id, staff.token);
            String reason = one.json().path("reason").asText();
            int at = reason.indexOf(KEY_IN_REASON);
            if (at >= 0) {
                byKey.computeIfAbsent(reason.substring(at + KEY_IN_REASON.length()), k -> new ArrayList<>()).add(id);
            }
        }
        return byKey;
    }

    @AfterAll
    static void platformIsHealthyForTheNextTests() {
        RunningPlatform.get().awaitHealthy(Duration.ofMinutes(3));
    }
}
