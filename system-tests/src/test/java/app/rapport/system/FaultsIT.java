package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crashes, broker restarts, a database outage and a full replay, each while referrals stream
 * in: afterwards every referral has exactly one thank-you task and one queued report.
 */
@Order(20)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration SETTLE = Duration.ofMinutes(3);
    /** Answers of 500 and above the streaming client saw, by status. */
    private static final Map<Integer, Integer> SERVER_ERRORS = new java.util.concurrent.ConcurrentHashMap<>();
    /** Every stream so far, re-checked after the replay. */
    private static final List<Stream> STREAMS = Collections.synchronizedList(new ArrayList<>());

    private final LocalPlatform platform = RunningPlatform.get();

    @Test
    @Order(1)
    void outreachKilledWhile200ReferralsStreamInThenRestarted() {
        survive("kill -9 outreach-service", 200, () -> {
            platform.stopService(RapportService.OUTREACH, true);
            platform.startService(RapportService.OUTREACH);
        });
    }

    @Test
    @Order(2)
    void brokerRestartedMidStream() {
        survive("Kafka broker restart", 100, platform::restartBroker);
    }

    @Test
    @Order(3)
    void databaseUnreachableForTenSecondsMidStream() {
        // The local runtime keeps every service's database on one server: stopping it takes away
        // each service's database at once, a harsher fault than losing one.
        SERVER_ERRORS.clear();
        survive("database unreachable for 10 s", 100, () -> platform.databaseOutage(Duration.ofSeconds(10)));
        // While the database was away the client was told to come back (503), not that it broke (500).
        assertThat(SERVER_ERRORS.keySet()).as("server errors seen during the outage: %s", SERVER_ERRORS).isSubsetOf(503);
    }

    @Test
    @Order(4)
    void everyTopicReplayedFromOffsetZeroToEveryConsumerChangesNothing() throws Exception {
        stream(20, () -> { }); // a stream of its own, so the replay proves something when run alone
        for (RapportService s : RapportService.values()) {
            platform.stopService(s, false);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap()))) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetAndMetadata> fromZero = committed.keySet().stream()
                        .collect(Collectors.toMap(tp -> tp, tp -> new OffsetAndMetadata(0)));
                if (!fromZero.isEmpty()) {
                    admin.alterConsumerGroupOffsets(group.groupId(), fromZero).all().get();
                }
            }
            for (RapportService s : RapportService.values()) {
                platform.startService(s);
            }
            platform.awaitHealthy(Duration.ofMinutes(3));
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(2)).until(() -> totalLag(admin) == 0);
        }
        for (Stream stream : STREAMS) {
            stream.assertExactlyOnce();
        }
        Tally.count(Tally.FAULTS);
    }

    private void survive(String fault, int referrals, Runnable inject) {
        Stream stream = stream(referrals, inject);
        Tally.count(Tally.FAULTS);
        System.out.println("fault survived: " + fault + " with " + stream.ids.size() + " referrals");
    }

    /** Streams referrals from one partner, injects the fault halfway, and checks each was handled once. */
    private Stream stream(int referrals, Runnable inject) {
        ClinicSession staff = new ClinicSession("faults");
        String partner = staff.registerPartner("Lindqvist");
        Stream stream = new Stream(staff, partner);
        // the first one waits until the partner is known to referrals-service, then the stream starts
        stream.ids.add(staff.receiveReferral(partner));
        CompletableFuture<Void> faultDone = null;
        for (int i = 0; i < referrals; i++) {
            if (i == referrals / 2) {
                faultDone = CompletableFuture.runAsync(inject);
            }
            stream.ids.add(postUntilAccepted(staff, partner));
        }
        faultDone.join();
        platform.awaitHealthy(Duration.ofMinutes(3));
        STREAMS.add(stream);
        stream.assertExactlyOnce();
        return stream;
    }

    /** A client keeps trying while the platform recovers; a 201 happens exactly once per referral. */
    private static String postUntilAccepted(ClinicSession staff, String partner) {
        String[] id = new String[1];
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(250)).ignoreException(java.io.UncheckedIOException.class).until(() -> {
            ServiceApi.Answer answer = staff.referrals.post("/api/v1/referrals", staff.token, ClinicSession.referralBody(partner));
            assertThat(answer.status()).as(answer.toString()).isNotIn(400, 401, 403, 404, 409);
            if (answer.status() >= 500) {
                SERVER_ERRORS.merge(answer.status(), 1, Integer::sum);
                assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            }
            if (answer.status() == 201) {
                id[0] = answer.text("id");
                return true;
            }
            return false;
        });
        return id[0];
    }

    private static long totalLag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            for (var e : committed.entrySet()) {
                lag += ends.get(e.getKey()).offset() - (e.getValue() == null ? 0 : e.getValue().offset());
            }
        }
        return lag;
    }

    @AfterAll
    static void platformIsHealthyForTheNextTests() {
        RunningPlatform.get().awaitHealthy(Duration.ofMinutes(3));
    }

    /** The referrals of one partner, and the check that each got one thank-you and one report. */
    private record Stream(ClinicSession staff, String partner, List<String> ids) {
        Stream(ClinicSession staff, String partner) {
            this(staff, partner, Collections.synchronizedList(new ArrayList<>()));
        }

        long receivedInAnalytics() {
            for (com.fasterxml.jackson.databind.JsonNode row
                    : staff.reports.get("/api/v1/analytics/partners", staff.token).json().path("rows")) {
                if (partner.equals(row.path("practitionerId").asText())) {
                    return row.path("received").asLong();
                }
            }
            return 0;
        }

        void assertExactlyOnce() {
            Map<String, Integer> once = ids.stream().distinct().collect(Collectors.toMap(id -> id, id -> 1));
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(staff.thankYousPerReferral(partner)).as("thank-you tasks per referral")
                            .containsExactlyInAnyOrderEntriesOf(once));
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(staff.reportsPerReferral(partner)).as("reports queued per referral")
                            .containsExactlyInAnyOrderEntriesOf(once));
            // the counts kept from the same events elsewhere: the partner's directory entry and the analytics
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    staff.contacts.get("/api/v1/practitioners/" + partner, staff.token).json().path("referralsReceived").asInt())
                    .as("referrals received on the partner's directory entry").isEqualTo(once.size()));
            await().atMost(SETTLE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                    receivedInAnalytics()).as("referrals received in the analytics").isEqualTo(once.size()));
            // and nothing more turns up afterwards
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> staff.thankYousPerReferral(partner).equals(once)
                            && staff.reportsPerReferral(partner).equals(once));
        }
    }
}
