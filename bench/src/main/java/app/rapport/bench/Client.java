package app.rapport.bench;

import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way every scenario talks to the running platform: HTTP as a clinic's staff, JDBC as a
 * service, Kafka as a producer, a consumer or an operator (lag per consumer group), and the
 * bench's own clinics and partners.
 */
final class Client {

    static final String ONE_CLINIC = "bench-one";
    static final String REASON = "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat";
    private static final String[] LAST_NAMES = {"Marsh", "Okafor", "Reyes", "Nguyen", "Abara", "Lindqvist", "Patel", "Moreau"};

    final LocalPlatform platform;
    final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong patientSeq = new AtomicLong();
    /** Partners per clinic, as registered in contacts-service: [0] refers, [1] is the PCP. */
    final Map<String, List<String>> partners = new LinkedHashMap<>();
    private final long t0;

    Client(LocalPlatform platform, long t0) {
        this.platform = platform;
        this.t0 = t0;
    }

    static String clinic(int i) {
        return String.format(Locale.ROOT, "bench-c%03d", i);
    }

    // ------------------------------------------------------------------ HTTP

    String token(String clinic) {
        return platform.mintToken(clinic, "staff", "clinician");
    }

    HttpResponse<String> post(RapportService s, String path, String token, String body) throws IOException, InterruptedException {
        return http.send(postRequest(s, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    /** For open-loop senders: the request leaves at its time whether or not earlier ones were answered. */
    CompletableFuture<HttpResponse<String>> postAsync(RapportService s, String path, String token, String body) {
        return http.sendAsync(postRequest(s, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest postRequest(RapportService s, String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(platform.serviceUrl(s) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    HttpResponse<String> get(RapportService s, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(s) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A received referral from the clinic's referring partner, for a new patient each time. */
    String referralBody(String clinic) {
        List<String> p = partners.get(clinic);
        long n = patientSeq.incrementAndGet();
        ObjectNode body = json.createObjectNode()
                .put("direction", "RECEIVED")
                .put("practitionerId", p.get(0))
                .put("primaryCarePractitionerId", p.get(1))
                .put("channel", "FAX")
                .put("urgency", "ROUTINE")
                .put("reason", REASON)
                .put("requestedService", "Prenatal chiropractic care");
        body.putArray("diagnosisCodes").add("O26.893").add("M54.50");
        // A new patient each time (the same name and birth date would be the same patient).
        body.putObject("patient").put("firstName", "Elena").put("lastName", lastName(n))
                .put("birthDate", birthDate(n).toString()).put("phone", "+12065550143");
        body.putObject("treatingPractitioner").put("id", "jreyes").put("name", "Jordan Reyes").put("credentials", "DC");
        return body.toString();
    }

    HttpResponse<String> postReferral(String token, String clinic) throws IOException, InterruptedException {
        return post(RapportService.REFERRALS, "/api/v1/referrals", token, referralBody(clinic));
    }

    static String lastName(long n) {
        return LAST_NAMES[(int) (n % LAST_NAMES.length)] + letters(n);
    }

    static LocalDate birthDate(long n) {
        return LocalDate.of(1950, 1, 1).plusDays(n % 20000);
    }

    long nextPatient() {
        return patientSeq.incrementAndGet();
    }

    /**
     * Two partners in each clinic, entered in contacts-service as a clinic does; then waits until
     * referrals, outreach and reports hold their copies (read from each service's own table:
     * there is no API that says "known here").
     */
    void registerPartners(List<String> clinics) throws Exception {
        say("registering 2 partners in each of " + clinics.size() + " clinics through contacts-service ...");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Future<List<String>>> futures = new LinkedHashMap<>();
        AtomicLong npi = new AtomicLong();
        for (String clinic : clinics) {
            futures.put(clinic, pool.submit(() -> {
                String token = token(clinic);
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    long n = npi.incrementAndGet();
                    ObjectNode body = json.createObjectNode()
                            .put("firstName", k == 0 ? "Maya" : "Samuel")
                            .put("lastName", (k == 0 ? "Okafor" : "Lindqvist") + letters(n))
                            .put("credentials", k == 0 ? "MD, FACOG" : "MD")
                            .put("specialty", k == 0 ? "OB_GYN" : "PRIMARY_CARE")
                            .put("organization", "Lakeview Women's Health")
                            .put("email", "partner" + n + "@lakeview.example.com")
                            .put("preferredThankYouChannel", "HANDWRITTEN_NOTE");
                    HttpResponse<String> r = post(RapportService.CONTACTS, "/api/v1/practitioners", token, body.toString());
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("contacts-service answered " + r.statusCode() + ": " + r.body());
                    }
                    ids.add(json.readTree(r.body()).get("id").asText());
                }
                return ids;
            }));
        }
        for (var e : futures.entrySet()) {
            partners.put(e.getKey(), e.getValue().get(2, TimeUnit.MINUTES));
        }
        pool.shutdown();
        int expected = partners.values().stream().mapToInt(List::size).sum();
        long start = System.nanoTime();
        awaitCount(RapportService.REFERRALS, "SELECT COUNT(*) FROM partner", expected);
        awaitCount(RapportService.OUTREACH, "SELECT COUNT(*) FROM partner", expected);
        awaitCount(RapportService.REPORTS, "SELECT COUNT(*) FROM practitioner", expected);
        say(String.format(Locale.ROOT, "all %d partners known to referrals, outreach and reports (%.1f s after the last POST)",
                expected, seconds(start)));
    }

    // ------------------------------------------------------------------ JDBC

    Connection connect(RapportService s) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(s), platform.dbUser(s), platform.dbPassword(s));
    }

    long count(RapportService s, String sql, Object... params) throws SQLException {
        try (Connection c = connect(s); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void awaitCount(RapportService s, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        long n;
        while ((n = count(s, sql)) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.moduleName() + " knows only " + n + " of " + expected + " partners after 3 minutes");
            }
            Thread.sleep(200);
        }
    }

    // ------------------------------------------------------------------ Kafka

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        return Admin.create(p);
    }

    Map<TopicPartition, Long> endOffsets(String... topics) throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            for (var d : admin.describeTopics(List.of(topics)).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(pi -> req.put(new TopicPartition(d.name(), pi.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, Long> out = new HashMap<>();
            for (var e : admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        }
    }

    /**
     * Every consumer group (not the bench's own) that has committed on one of {@code topics}: the
     * services' groups are found on the broker, not listed here, so a new consumer takes part in
     * the drain without a change to the bench.
     */
    Map<String, Set<String>> groupsOn(String... topics) throws Exception {
        Set<String> wanted = Set.of(topics);
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (Admin admin = admin()) {
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(ConsumerGroupListing::groupId).filter(g -> !g.startsWith("bench-")).sorted().toList();
            for (String g : groups) {
                Set<String> on = new TreeSet<>();
                admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).keySet()
                        .forEach(tp -> {
                            if (wanted.contains(tp.topic())) {
                                on.add(tp.topic());
                            }
                        });
                if (!on.isEmpty()) {
                    out.put(g, on);
                }
            }
        }
        return out;
    }

    /** Events of {@code to} (on the group's topics) that {@code group} has not committed yet. */
    static long lag(Admin admin, String group, Set<String> topics, Map<TopicPartition, Long> to) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var e : to.entrySet()) {
            if (topics.contains(e.getKey().topic())) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
            }
        }
        return lag;
    }

    /** Waits until every consumer group on the referral topics has caught up with what is on them now. */
    void awaitAllCaughtUp(Duration timeout) throws Exception {
        Map<String, Set<String>> groups = groupsOn(Topics.REFERRALS, Topics.PATIENTS);
        Map<TopicPartition, Long> to = endOffsets(Topics.REFERRALS, Topics.PATIENTS);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            for (var g : groups.entrySet()) {
                while (lag(admin, g.getKey(), g.getValue(), to) > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(g.getKey() + " did not catch up within " + timeout);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    Properties producerProps() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    static Properties consumerProps(String bootstrap, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        return p;
    }

    Properties consumerProps(String group) {
        return consumerProps(platform.kafkaBootstrap(), group);
    }

    static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /**
     * Writes received referrals straight to the topics, as referrals-service publishes them (who
     * the patient is on its own topic, then the referral), each from the clinic's referring partner.
     * {@code clinicOf} picks each event's clinic.
     */
    void produceReferrals(int events, java.util.function.IntFunction<String> clinicOf) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps())) {
            for (int i = 0; i < events; i++) {
                String clinic = clinicOf.apply(i);
                List<String> p = partners.get(clinic);
                String referralId = UUID.randomUUID().toString();
                long n = nextPatient();
                String patientReference = UUID.randomUUID().toString();
                ObjectNode payload = json.createObjectNode()
                        .put("referralId", referralId).put("direction", "RECEIVED").put("kind", "REFERRAL")
                        .put("practitionerId", p.get(0)).put("status", "RECEIVED").put("urgency", "ROUTINE")
                        .put("channel", "FAX").put("requestedService", "Prenatal chiropractic care")
                        .put("receivedOn", today.toString());
                payload.putObject("treatingPractitioner").put("id", "jreyes").put("name", "Jordan Reyes").put("credentials", "DC");
                payload.put("primaryCarePractitionerId", p.get(1)).put("patientReference", patientReference);
                ObjectNode patient = json.createObjectNode().put("referralId", referralId).put("reason", REASON);
                patient.putArray("diagnosisCodes").add("O26.893").add("M54.50");
                patient.putObject("patient").put("reference", patientReference).put("firstName", "Elena")
                        .put("lastName", lastName(n)).put("birthDate", birthDate(n).toString());
                producer.send(cloudEvent(Topics.PATIENTS, referralId, EventTypes.PATIENT_REFERRED, clinic,
                        json.writeValueAsBytes(patient)));
                producer.send(cloudEvent(Topics.REFERRALS, referralId, EventTypes.REFERRAL_RECEIVED, clinic,
                        json.writeValueAsBytes(payload)));
            }
            producer.flush();
        }
    }

    /** CloudEvents binary mode, exactly the headers of the golden samples in docs/events/samples. */
    private static ProducerRecord<String, byte[]> cloudEvent(String topic, String referralId, String type, String clinic,
                                                             byte[] payload) {
        ProducerRecord<String, byte[]> rec = new ProducerRecord<>(topic, referralId, payload);
        addHeader(rec, "ce_id", UUID.randomUUID().toString());
        addHeader(rec, "ce_type", type);
        addHeader(rec, "ce_source", "/rapport/referrals-service");
        addHeader(rec, "ce_time", Instant.now().toString());
        addHeader(rec, "ce_subject", referralId);
        addHeader(rec, "ce_specversion", "1.0");
        addHeader(rec, "ce_clinicid", clinic);
        addHeader(rec, "content-type", "application/json");
        return rec;
    }

    private static void addHeader(ProducerRecord<String, byte[]> rec, String name, String value) {
        rec.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ small things

    /** A letters-only suffix (names are letters; digits would read oddly on a card). */
    static String letters(long n) {
        StringBuilder b = new StringBuilder();
        long v = n;
        do {
            b.append((char) ('a' + (v % 26)));
            v /= 26;
        } while (v > 0);
        return b.reverse().toString();
    }

    void say(String line) {
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", seconds(t0), line);
        System.out.flush();
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
