package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The pipeline heals or says it is sick (ADR 0011), seen from outside: a consumer thread that
 * dies turns readiness DOWN and comes back with the event applied; with the broker away for longer
 * than the producer's delivery timeout every POST still answers at once and every referral arrives
 * once when the broker is back; a service started while the broker is down takes referrals at once.
 */
@Order(25)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineHealthIT {

    /** Longer than the services' producer delivery timeout (30 s, RAPPORT_KAFKA_DELIVERY_TIMEOUT). */
    private static final Duration BROKER_AWAY = Duration.ofSeconds(40);
    private static final Duration SETTLE = Duration.ofMinutes(2);
    /** A service's start on a loaded 2-core machine, with room; what must not happen is minutes of waiting on the broker. */
    private static final Duration STARTS = Duration.ofSeconds(60);
    /** Less than the producer's delivery timeout (30 s), with a cold JVM's first request in it. */
    private static final Duration FIRST_REQUEST = Duration.ofSeconds(20);
    /** A POST only writes the referral and its outbox row; it never waits on the broker. */
    private static final Duration QUICK = Duration.ofSeconds(3);

    private final LocalPlatform platform = RunningPlatform.get();

    @Test
    @Order(1)
    void aConsumerThreadKilledTurnsReadinessDownThenRecoversAndTheEventIsApplied() {
        ClinicSession staff = new ClinicSession("pipeline");
        // referrals-service's partner consumer dies once on this partner's PractitionerRegistered event
        String partner = staff.registerPartner("Okafor-" + RunningPlatform.TEST_FAULT_MARKER);

        ServiceApi referrals = RunningPlatform.api(RapportService.REFERRALS);
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(100)).until(() -> {
            ServiceApi.Answer ready = referrals.get("/health/readiness", null);
            return ready.status() == 503 && ready.body().contains("DEAD");
        });
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(200))
                .until(() -> referrals.get("/health/readiness", null).status() == 200);
        assertThat(referrals.get("/prometheus", null).body()).containsPattern("rapport_consumer_restarts_total\\{[^}]*} [1-9]");

        // The event the dead consumer was holding was applied after the restart: the partner is known.
        String referral = staff.receiveReferral(partner);
        assertExactlyOnce(staff, partner, List.of(referral));
        Tally.count(Tally.FAULTS);
    }

    @Test
    @Order(2)
    void brokerAwayLongerThanTheDeliveryTimeoutWhileReferralsArePosted() {
        ClinicSession staff = new ClinicSession("pipeline");
        String partner = staff.registerPartner("Lindqvist");
        List<String> ids = firstReferral(staff, partner);

        platform.stopBroker(false);
        try {
            long until = System.nanoTime() + BROKER_AWAY.toNanos();
            while (System.nanoTime() < until) {
                long started = System.nanoTime();
                ServiceApi.Answer answer = staff.referrals.post("/api/v1/referrals", staff.token, ClinicSession.referralBody(partner));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
                assertThat(took).as("POST while the broker is away").isLessThan(QUICK);
                ids.add(answer.text("id"));
                sleep(Duration.ofSeconds(2));
            }
            ServiceApi.Answer ready = staff.referrals.get("/health/readiness", null);
            assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
            assertThat(ready.body()).contains("unreachable");
        } finally {
            platform.startBroker();
        }
        platform.awaitHealthy(SETTLE);
        assertExactlyOnce(staff, partner, ids);
        Tally.count(Tally.FAULTS);
    }

    @Test
    @Order(3)
    void aServiceStartedWhileTheBrokerIsDownTakesReferralsAtOnceAndDeliversThemWhenItIsBack() {
        ClinicSession staff = new ClinicSession("pipeline");
        String partner = staff.registerPartner("Abernathy");
        List<String> ids = firstReferral(staff, partner);

        platform.stopService(RapportService.REFERRALS, false);
        platform.stopBroker(false);
        try {
            platform.startService(RapportService.REFERRALS);
            ServiceApi referrals = RunningPlatform.api(RapportService.REFERRALS);
            // Starting does not wait for the broker: the service is live (and takes referrals) as soon as
            // its HTTP server is, while readiness says the pipeline cannot deliver yet.
            await().atMost(STARTS).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> referrals.get("/health/liveness", null).status() == 200);
            for (int i = 0; i < 3; i++) {
                long started = System.nanoTime();
                ids.add(post(staff, referrals, partner));
                // The first request of a fresh JVM also loads and compiles its code (seconds on a loaded
                // machine); what it must not do is wait out the producer's 30 s delivery timeout.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("POST %d with the broker down since start", i + 1)
                        .isLessThan(i == 0 ? FIRST_REQUEST : QUICK);
            }
            ServiceApi.Answer ready = referrals.get("/health/readiness", null);
            assertThat(ready.status()).as(ready.toString()).isEqualTo(503);
        } finally {
            platform.startBroker();
        }
        platform.awaitHealthy(SETTLE);
        assertExactlyOnce(staff, partner, ids);
        Tally.count(Tally.FAULTS);
    }

    @Test
    @Order(4)
    void twoReplicasOfEachServiceUnderLoadWithTheRelayLeaderKilled() {
        ClinicSession staff = new ClinicSession("pipeline");
        String partner = staff.registerPartner("Haddad");
        List<String> ids = firstReferral(staff, partner);
        ServiceApi primary = staff.referrals;

        // Second replicas join every consumer group while referrals stream in: the groups rebalance under load.
        CompletableFuture<Void> replicasUp = CompletableFuture.runAsync(() -> {
            for (RapportService s : RapportService.values()) {
                platform.startReplica(s);
            }
            for (RapportService s : RapportService.values()) {
                platform.awaitReplicaHealthy(s, SETTLE);
            }
        });
        while (!replicasUp.isDone()) {
            ids.add(post(staff, primary, partner));
            sleep(Duration.ofMillis(250)); // a steady stream, not a flood: the replicas must start beside it
        }
        replicasUp.join();
        ServiceApi replica = new ServiceApi(platform.replicaUrl(RapportService.REFERRALS));
        for (int i = 0; i < 10; i++) {
            ids.add(post(staff, i % 2 == 0 ? primary : replica, partner));
        }

        // kill -9 the replica that relays referrals-service's outbox; the other takes the lock over.
        boolean primaryLeads = relaysTheOutbox(primary);
        assertThat(primaryLeads || relaysTheOutbox(replica)).as("one referrals-service replica relays").isTrue();
        ServiceApi survivor = primaryLeads ? replica : primary;
        for (int i = 0; i < 20; i++) {
            if (i == 5) {
                if (primaryLeads) {
                    platform.stopService(RapportService.REFERRALS, true);
                } else {
                    platform.stopReplica(RapportService.REFERRALS, true);
                }
            }
            ids.add(post(staff, survivor, partner));
        }
        await().atMost(SETTLE).until(() -> relaysTheOutbox(survivor));
        assertExactlyOnce(staff, partner, ids);

        for (RapportService s : RapportService.values()) {
            platform.stopReplica(s, false);
        }
        platform.startService(RapportService.REFERRALS); // no-op unless the primary was the one killed
        Tally.count(Tally.FAULTS);
    }

    /** The first referral from the partner, once the partner has reached referrals-service; the list to add more to. */
    private static List<String> firstReferral(ClinicSession staff, String partner) {
        List<String> ids = new ArrayList<>();
        ids.add(staff.receiveReferral(partner));
        return ids;
    }

    private static String post(ClinicSession staff, ServiceApi referrals, String partner) {
        ServiceApi.Answer answer = referrals.post("/api/v1/referrals", staff.token, ClinicSession.referralBody(partner));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.text("id");
    }

    private static boolean relaysTheOutbox(ServiceApi service) {
        try {
            return service.get("/health/readiness", null).body().contains("\"outbox-relay\":\"ALIVE, leader");
        } catch (java.io.UncheckedIOException unreachable) {
            return false;
        }
    }

    /** Each referral has one thank-you task in outreach and one queued report in reports, and nothing more turns up. */
    private static void assertExactlyOnce(ClinicSession staff, String partner, List<String> ids) {
        Map<String, Integer> once = ids.stream().distinct().collect(Collectors.toMap(id -> id, id -> 1));
        assertThat(once).hasSize(ids.size());
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                staff.thankYousPerReferral(partner)).as("thank-you tasks per referral").isEqualTo(once));
        await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                staff.reportsPerReferral(partner)).as("reports queued per referral").isEqualTo(once));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                staff.thankYousPerReferral(partner).equals(once) && staff.reportsPerReferral(partner).equals(once));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // pacing the client's requests over the outage, not waiting for a result
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void platformIsHealthyForTheNextTests() {
        RunningPlatform.get().awaitHealthy(SETTLE);
    }
}
