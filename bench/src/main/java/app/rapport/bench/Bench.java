package app.rapport.bench;

import app.rapport.local.LocalPlatform;
import app.rapport.local.LocalPlatformOptions;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code deploy/local/bench}: starts MariaDB, Kafka and the four services with the same
 * {@link LocalPlatform} as {@code deploy/local/run}, measures ingest, end-to-end latency, backlog
 * drain, start time and memory, each beside a raw ceiling measured in the same run on the same
 * database and broker, and writes the figures into {@code docs/benchmarks.md}.
 */
public final class Bench {

    static final String ONE_CLINIC = "bench-one";
    static final String REFERRALS_TOPIC = "referrals.referrals.v1";
    /** Who each referral's patient is: reports-service alone reads it (ADR 0206). */
    static final String PATIENTS_TOPIC = "referrals.patients.v1";
    static final String ACTIVITIES_TOPIC = "outreach.activities.v1";
    static final String REPORTS_TOPIC = "reports.reports.v1";
    static final String OUTREACH_GROUP = "outreach-service.referrals";
    static final String REPORTS_GROUP = "reports-service.referrals";
    static final String[] LAST_NAMES = {"Marsh", "Okafor", "Reyes", "Nguyen", "Abara", "Lindqvist", "Patel", "Moreau"};

    private final BenchOptions o;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Results results = new Results();
    private final Map<RapportService, Double> loadRss = new EnumMap<>(RapportService.class);
    private final AtomicBoolean sampling = new AtomicBoolean();
    private final AtomicLong patientSeq = new AtomicLong();
    private LocalPlatform platform;
    /** Partners per clinic, as registered in contacts-service: [0] refers, [1] is the PCP. */
    private final Map<String, List<String>> partners = new LinkedHashMap<>();
    private final long t0 = System.nanoTime();

    private Bench(BenchOptions o) {
        this.o = o;
    }

    public static void main(String[] args) {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (BenchOptions.HelpRequested h) {
            System.out.print(BenchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new Bench(o).run();
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private int run() throws Exception {
        results.machine(Machine.cores(), Machine.memory(), Machine.jdk(), Machine.os(), Machine.loadAverage(),
                System.getProperty("bench.commit", "unknown"), o);
        say("load average at start: " + Machine.loadAverage() + " on " + Machine.cores() + " cores");
        Path dataDir = o.dataDir.toAbsolutePath().normalize();
        deleteRecursively(dataDir);
        Path repoRoot = Path.of(System.getProperty("rapport.repo.root", ".")).toAbsolutePath().normalize();
        platform = new LocalPlatform(new LocalPlatformOptions().dataDir(dataDir).repoRoot(repoRoot).freePorts());
        try {
            startInfrastructure();
            startServices();
            registerPartners();
            Thread sampler = startRssSampler();
            try {
                double ceilingTps = ingestCeiling();
                double serviceTps = ingest(ceilingTps);
                Latencies kafka = kafkaLatencyCeiling();
                double rate = o.e2eRate > 0 ? o.e2eRate : ceilingTps / 2;
                endToEnd("at half the ingest ceiling", rate, kafka, true);
                endToEnd("at half the measured ingest throughput", serviceTps / 2, kafka, false);
                if (o.scaleBacklog > 0) {
                    backlog("scale", o.scaleBacklog, 1.0, false);
                }
                if (o.backlog > 0) {
                    backlog("main", o.backlog, 0.5, true);
                }
            } finally {
                sampling.set(false);
                sampler.interrupt();
            }
            for (RapportService s : RapportService.values()) {
                results.rssLoad(s, loadRss.getOrDefault(s, Double.NaN));
            }
        } finally {
            say("stopping everything ...");
            platform.close();
        }
        results.elapsedSeconds(seconds(t0));
        String md = results.markdown();
        System.out.println();
        System.out.println(results.consoleTable());
        if (!"-".equals(o.out)) {
            Path out = Path.of(o.out);
            Results.writeInto(out, md);
            say("wrote " + out.toAbsolutePath());
        }
        return 0;
    }

    // ------------------------------------------------------------------ start

    private void startInfrastructure() throws Exception {
        say("starting MariaDB and Kafka in " + platform.dataDir() + " ...");
        Thread db = new Thread(platform::startDatabase, "bench-db-start");
        db.start();
        platform.startBroker();
        db.join();
        platform.awaitHealthy(Duration.ofSeconds(120));
        createTopics();
    }

    /** The topics exist before any service starts, as in production (6 partitions, like the broker default). */
    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String t : List.of("contacts.practitioners.v1", REFERRALS_TOPIC, PATIENTS_TOPIC, ACTIVITIES_TOPIC, REPORTS_TOPIC)) {
                if (!existing.contains(t)) {
                    topics.add(new NewTopic(t, 6, (short) 1));
                }
            }
            topics.add(new NewTopic("bench.latency", 1, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** One at a time, so each start time is the service's own on an otherwise idle machine. */
    private void startServices() {
        for (RapportService s : RapportService.values()) {
            double secs = startAndWait(s);
            say(String.format(Locale.ROOT, "%s healthy %.2f s after launch", s.moduleName(), secs));
            results.start(s, secs);
        }
        sleep(3000);
        for (RapportService s : RapportService.values()) {
            double rss = Machine.rssMiB(platform.servicePid(s).orElse(-1L));
            results.rssIdle(s, rss);
            say(String.format(Locale.ROOT, "%s idle RSS %.0f MiB", s.moduleName(), rss));
        }
    }

    private double startAndWait(RapportService s) {
        long launched = System.nanoTime();
        platform.startService(s);
        platform.awaitServiceHealthy(s, Duration.ofMinutes(3));
        return seconds(launched);
    }

    private Thread startRssSampler() {
        sampling.set(true);
        Thread t = new Thread(() -> {
            while (sampling.get()) {
                for (RapportService s : RapportService.values()) {
                    platform.servicePid(s).ifPresent(pid -> {
                        double rss = Machine.rssMiB(pid);
                        synchronized (loadRss) {
                            loadRss.merge(s, rss, Math::max);
                        }
                    });
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss");
        t.setDaemon(true);
        t.start();
        return t;
    }

    // ------------------------------------------------------------------ partners

    /**
     * Partners are entered in contacts-service, like a clinic does; the bench then waits until
     * referrals-service, outreach-service and reports-service hold their copies (read from each
     * service's own table: there is no API that says "known here").
     */
    private void registerPartners() throws Exception {
        List<String> clinics = new ArrayList<>();
        clinics.add(ONE_CLINIC);
        for (int i = 0; i < o.clinics; i++) {
            clinics.add(clinic(i));
        }
        say("registering 2 partners in each of " + clinics.size() + " clinics through contacts-service ...");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, Future<List<String>>> futures = new LinkedHashMap<>();
        AtomicInteger npi = new AtomicInteger();
        for (String clinic : clinics) {
            futures.put(clinic, pool.submit(() -> {
                String token = platform.mintToken(clinic, "staff", "clinician");
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    int n = npi.incrementAndGet();
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

    static String clinic(int i) {
        return String.format(Locale.ROOT, "bench-c%03d", i);
    }

    private void awaitCount(RapportService s, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (true) {
            long n = count(s, sql);
            if (n >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(s.moduleName() + " knows only " + n + " of " + expected + " partners after 3 minutes");
            }
            Thread.sleep(200);
        }
    }

    private long count(RapportService s, String sql, Object... params) throws SQLException {
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

    private Connection connect(RapportService s) throws SQLException {
        return DriverManager.getConnection(platform.jdbcUrl(s), platform.dbUser(s), platform.dbPassword(s));
    }

    // ------------------------------------------------------------------ ingest

    /** {@code --clients} threads doing single-row INSERT + COMMIT on the referrals database. */
    private double ingestCeiling() throws Exception {
        say("ingest ceiling: " + o.clients + " JDBC threads, INSERT + COMMIT, " + o.ceilingSeconds + " s ...");
        try (Connection c = connect(RapportService.REFERRALS); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_ceiling_referral");
            // About a referral row's width, with its clinic index.
            st.execute("CREATE TABLE bench_ceiling_referral (id CHAR(36) NOT NULL PRIMARY KEY, clinic_id VARCHAR(64) NOT NULL,"
                    + " practitioner_id CHAR(36) NOT NULL, reason VARCHAR(500) NOT NULL, created_at TIMESTAMP(6) NOT NULL,"
                    + " INDEX ix_clinic (clinic_id, created_at)) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
        }
        Latencies lat = new Latencies();
        AtomicLong done = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(o.ceilingSeconds);
        runThreads(o.clients, i -> {
            try (Connection c = connect(RapportService.REFERRALS);
                 PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling_referral VALUES (?, ?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                String pract = UUID.randomUUID().toString();
                while (true) {
                    long s = System.nanoTime();
                    if (s > end) {
                        return;
                    }
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, ONE_CLINIC);
                    ps.setString(3, pract);
                    ps.setString(4, "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
                    ps.setTimestamp(5, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                    c.commit();
                    long e = System.nanoTime();
                    if (s >= measureFrom) {
                        lat.add(e - s);
                        done.incrementAndGet();
                    }
                }
            }
        });
        double tps = done.get() / (double) o.ceilingSeconds;
        try (Connection c = connect(RapportService.REFERRALS); Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_ceiling_referral");
        }
        say(String.format(Locale.ROOT, "ingest ceiling: %.0f commits/s, p50 %.2f ms, p99 %.2f ms", tps, lat.p50(), lat.p99()));
        results.ingestCeiling(tps, lat);
        return tps;
    }

    /** {@code --clients} clients POSTing referrals as fast as they are answered. */
    private double ingest(double ceilingTps) throws Exception {
        say("ingest: " + o.clients + " clients POST /api/v1/referrals, 3 s warm-up + " + o.ingestSeconds + " s ...");
        String token = platform.mintToken(ONE_CLINIC, "staff", "clinician");
        Latencies lat = new Latencies();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(o.ingestSeconds);
        runThreads(o.clients, i -> {
            while (true) {
                long s = System.nanoTime();
                if (s > end) {
                    return;
                }
                HttpResponse<String> r = postReferral(token, ONE_CLINIC, i);
                long e = System.nanoTime();
                if (r.statusCode() != 201) {
                    failed.incrementAndGet();
                    if (failed.get() <= 3) {
                        say("ingest: unexpected " + r.statusCode() + " " + r.body());
                    }
                } else if (s >= measureFrom) {
                    lat.add(e - s);
                    done.incrementAndGet();
                }
            }
        });
        double tps = done.get() / (double) o.ingestSeconds;
        say(String.format(Locale.ROOT, "ingest: %.0f referrals/s (%.2f of the ceiling), p50 %.1f ms, p99 %.1f ms, %d failed",
                tps, tps / ceilingTps, lat.p50(), lat.p99(), failed.get()));
        results.ingest(tps, lat, failed.get());
        awaitLagZero(Duration.ofMinutes(5), OUTREACH_GROUP, REPORTS_GROUP);
        return tps;
    }

    private HttpResponse<String> postReferral(String token, String clinic, int partnerPick) throws IOException, InterruptedException {
        List<String> p = partners.get(clinic);
        long n = patientSeq.incrementAndGet();
        ObjectNode body = json.createObjectNode()
                .put("direction", "RECEIVED")
                .put("practitionerId", p.get(0))
                .put("primaryCarePractitionerId", p.get(1))
                .put("channel", "FAX")
                .put("urgency", "ROUTINE")
                .put("reason", "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat")
                .put("requestedService", "Prenatal chiropractic care");
        body.putArray("diagnosisCodes").add("O26.893").add("M54.50");
        // A new patient each time (same name and birth date would be the same patient).
        body.putObject("patient").put("firstName", "Elena").put("lastName", LAST_NAMES[(int) (n % LAST_NAMES.length)] + letters(n))
                .put("birthDate", LocalDate.of(1950, 1, 1).plusDays(n % 20000).toString()).put("phone", "+12065550143");
        body.putObject("treatingPractitioner").put("id", "jreyes").put("name", "Jordan Reyes").put("credentials", "DC");
        return post(RapportService.REFERRALS, "/api/v1/referrals", token, body.toString());
    }

    // ------------------------------------------------------------------ end to end

    /** Raw produce → consume on the same broker: acks=all, no linger, one record at a time. */
    private Latencies kafkaLatencyCeiling() throws Exception {
        say("Kafka ceiling: produce → consume latency of 2000 records at 500/s ...");
        Latencies lat = new Latencies();
        TopicPartition tp = new TopicPartition("bench.latency", 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps("bench-latency"));
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(0))) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            int total = 2000;
            Thread sender = new Thread(() -> {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + i * 2_000_000L;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                        if (due - System.nanoTime() > 1_000_000) {
                            sleep(1);
                        }
                    }
                    producer.send(new ProducerRecord<>("bench.latency", "k", Long.toString(System.nanoTime())));
                }
                producer.flush();
            }, "bench-latency-producer");
            sender.start();
            int seen = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen < total && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    lat.add(System.nanoTime() - Long.parseLong(r.value()));
                    seen++;
                }
            }
            sender.join();
        }
        say(String.format(Locale.ROOT, "Kafka ceiling: p50 %.2f ms, p99 %.2f ms", lat.p50(), lat.p99()));
        results.kafkaCeiling(lat);
        return lat;
    }

    /**
     * Referrals POSTed at {@code rate}; each one's thank-you task and queued report are noticed
     * through the events outreach-service and reports-service publish from the same transaction
     * (OutreachTaskCreated, ReportQueued): the moment they are on Kafka they are committed and
     * readable, so the figure is an upper bound of "readable through the API" that costs the
     * services no polling. A sample is also read back through the APIs to prove it.
     */
    private void endToEnd(String label, double rate, Latencies kafka, boolean primary) throws Exception {
        int count = (int) Math.max(20, Math.round(rate * o.e2eSeconds));
        say(String.format(Locale.ROOT, "end to end %s: %d referrals offered at %.0f/s ...", label, count, rate));
        String token = platform.mintToken(ONE_CLINIC, "staff", "clinician");
        Map<String, Long> created = new ConcurrentHashMap<>();
        Map<String, Long> thanked = new ConcurrentHashMap<>();
        Map<String, Long> reported = new ConcurrentHashMap<>();
        Map<String, String> taskIds = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        CountDownLatch watcherReady = new CountDownLatch(1);
        Thread watcher = new Thread(() -> watch(watching, watcherReady, thanked, reported, taskIds), "bench-e2e-watch");
        watcher.start();
        watcherReady.await(60, TimeUnit.SECONDS);
        AtomicInteger next = new AtomicInteger();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime() + 50_000_000L;
        double intervalNanos = 1e9 / rate;
        long windowEnd = start + TimeUnit.SECONDS.toNanos(o.e2eSeconds);
        runThreads(o.clients, i -> {
            while (true) {
                int k = next.getAndIncrement();
                // Offered for --e2e-seconds at most: when the service falls behind the rate, the
                // clients stop at the end of the window instead of working off a queue.
                if (k >= count || System.nanoTime() > windowEnd) {
                    return;
                }
                long due = start + (long) (k * intervalNanos);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                HttpResponse<String> r = postReferral(token, ONE_CLINIC, i);
                long answered = System.nanoTime();
                if (r.statusCode() == 201) {
                    created.put(json.readTree(r.body()).get("id").asText(), answered);
                } else {
                    failed.incrementAndGet();
                }
            }
        });
        double offeredSeconds = seconds(start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(60, o.drainTimeoutSeconds / 3));
        while (System.nanoTime() < deadline
                && !(thanked.keySet().containsAll(created.keySet()) && reported.keySet().containsAll(created.keySet()))) {
            Thread.sleep(100);
        }
        watching.set(false);
        watcher.join();
        Latencies task = new Latencies();
        Latencies report = new Latencies();
        Latencies both = new Latencies();
        int missing = 0;
        for (var e : created.entrySet()) {
            Long t = thanked.get(e.getKey());
            Long r = reported.get(e.getKey());
            if (t != null) {
                task.add(Math.max(0, t - e.getValue()));
            }
            if (r != null) {
                report.add(Math.max(0, r - e.getValue()));
            }
            if (t != null && r != null) {
                both.add(Math.max(0, Math.max(t, r) - e.getValue()));
            } else {
                missing++;
            }
        }
        int verified = verifyReadable(token, created.keySet(), taskIds);
        double achieved = created.size() / offeredSeconds;
        say(String.format(Locale.ROOT, "end to end %s: %.0f/s achieved; task p50 %.1f / p99 %.1f ms, report p50 %.1f / p99 %.1f ms,"
                        + " both p50 %.1f / p99 %.1f ms; %d incomplete, %d failed POSTs; %d read back through the APIs",
                label, achieved, task.p50(), task.p99(), report.p50(), report.p99(), both.p50(), both.p99(), missing, failed.get(), verified));
        results.endToEnd(label, rate, achieved, task, report, both, missing, failed.get(), kafka, primary, verified);
    }

    private void watch(AtomicBoolean watching, CountDownLatch ready, Map<String, Long> thanked, Map<String, Long> reported,
                       Map<String, String> taskIds) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(byteConsumerProps("bench-watch"))) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of(ACTIVITIES_TOPIC, REPORTS_TOPIC)) {
                c.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            }
            c.assign(tps);
            c.seekToEnd(tps);
            tps.forEach(c::position);
            ready.countDown();
            while (watching.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String type = header(r, "ce_type");
                    if (type == null) {
                        continue;
                    }
                    JsonNode p = json.readTree(r.value());
                    String referralId = p.path("referralId").asText(null);
                    if (referralId == null) {
                        continue;
                    }
                    if (type.endsWith("OutreachTaskCreated.v1") && "THANK_YOU".equals(p.path("type").asText())) {
                        thanked.putIfAbsent(referralId, now);
                        taskIds.putIfAbsent(referralId, p.path("taskId").asText());
                    } else if (type.endsWith("ReportQueued.v1")) {
                        reported.putIfAbsent(referralId, now);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a few thank-you tasks and reports back through the services' own APIs. */
    private int verifyReadable(String token, Collection<String> referralIds, Map<String, String> taskIds) throws Exception {
        int ok = 0;
        for (String id : referralIds.stream().limit(10).toList()) {
            String taskId = taskIds.get(id);
            if (taskId == null) {
                continue;
            }
            HttpResponse<String> t = get(RapportService.OUTREACH, "/api/v1/tasks/" + taskId, token);
            HttpResponse<String> r = get(RapportService.REPORTS, "/api/v1/reports?referralId=" + id, token);
            if (t.statusCode() == 200 && id.equals(json.readTree(t.body()).path("referralId").asText())
                    && r.statusCode() == 200 && json.readTree(r.body()).path("items").size() > 0) {
                ok++;
            }
        }
        return ok;
    }

    // ------------------------------------------------------------------ backlog

    /**
     * {@code events} ReferralReceived already on the topic while outreach-service and
     * reports-service are down; then both start and drain it. {@code oneClinicShare} of the
     * events go to one clinic, the rest round-robin over {@code --clinics} clinics.
     */
    private void backlog(String label, int events, double oneClinicShare, boolean withCeiling) throws Exception {
        awaitLagZero(Duration.ofMinutes(5), OUTREACH_GROUP, REPORTS_GROUP);
        say("backlog " + label + ": stopping outreach-service and reports-service ...");
        platform.stopService(RapportService.OUTREACH, false);
        platform.stopService(RapportService.REPORTS, false);
        Map<TopicPartition, Long> from = endOffsets(REFERRALS_TOPIC);
        long producing = System.nanoTime();
        produceBacklog(events, oneClinicShare);
        double produceSecs = seconds(producing);
        say(String.format(Locale.ROOT, "backlog %s: %d ReferralReceived written in %.1f s; starting both services ...",
                label, events, produceSecs));
        Map<TopicPartition, Long> to = endOffsets(REFERRALS_TOPIC);
        long launched = System.nanoTime();
        platform.startService(RapportService.OUTREACH);
        platform.startService(RapportService.REPORTS);
        Map<String, Double> healthy = new ConcurrentHashMap<>();
        Thread h1 = new Thread(() -> {
            platform.awaitServiceHealthy(RapportService.OUTREACH, Duration.ofMinutes(3));
            healthy.put(OUTREACH_GROUP, seconds(launched));
        });
        Thread h2 = new Thread(() -> {
            platform.awaitServiceHealthy(RapportService.REPORTS, Duration.ofMinutes(3));
            healthy.put(REPORTS_GROUP, seconds(launched));
        });
        h1.start();
        h2.start();
        Map<String, Double> drained = new HashMap<>();
        long deadline = launched + TimeUnit.SECONDS.toNanos(o.drainTimeoutSeconds);
        try (Admin admin = admin()) {
            while (drained.size() < 2 && System.nanoTime() < deadline) {
                for (String g : List.of(OUTREACH_GROUP, REPORTS_GROUP)) {
                    if (!drained.containsKey(g) && lag(admin, g, to) == 0) {
                        drained.put(g, seconds(launched));
                        say(String.format(Locale.ROOT, "backlog %s: %s drained %d events %.1f s after launch", label, g, events, seconds(launched)));
                    }
                }
                Thread.sleep(250);
            }
            for (String g : List.of(OUTREACH_GROUP, REPORTS_GROUP)) {
                if (!drained.containsKey(g)) {
                    say("backlog " + label + ": " + g + " still has " + lag(admin, g, to) + " events after " + o.drainTimeoutSeconds + " s");
                }
            }
        }
        h1.join();
        h2.join();
        Map<String, Double> ceilings = new HashMap<>();
        if (withCeiling) {
            ceilings = rawDrainCeiling(from, to);
        }
        results.backlog(label, events, oneClinicShare, o.clinics, produceSecs, healthy, drained, ceilings);
        for (RapportService s : List.of(RapportService.OUTREACH, RapportService.REPORTS)) {
            results.startUnderBacklog(s, label, healthy.getOrDefault(s == RapportService.OUTREACH ? OUTREACH_GROUP : REPORTS_GROUP, Double.NaN));
        }
        queryLatencies(label);
    }

    private void produceBacklog(int events, double oneClinicShare) throws Exception {
        int oneClinic = (int) Math.round(events * oneClinicShare);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(byteProducerProps())) {
            for (int i = 0; i < events; i++) {
                String clinic = i < oneClinic ? ONE_CLINIC : clinic((i - oneClinic) % o.clinics);
                List<String> p = partners.get(clinic);
                String referralId = UUID.randomUUID().toString();
                long n = patientSeq.incrementAndGet();
                String patientReference = UUID.randomUUID().toString();
                ObjectNode payload = json.createObjectNode()
                        .put("referralId", referralId).put("direction", "RECEIVED").put("kind", "REFERRAL")
                        .put("practitionerId", p.get(0)).put("status", "RECEIVED").put("urgency", "ROUTINE")
                        .put("channel", "FAX")
                        .put("requestedService", "Prenatal chiropractic care");
                payload.put("receivedOn", today.toString());
                payload.putObject("treatingPractitioner").put("id", "jreyes").put("name", "Jordan Reyes").put("credentials", "DC");
                payload.put("primaryCarePractitionerId", p.get(1));
                payload.put("patientReference", patientReference);
                ObjectNode patient = json.createObjectNode().put("referralId", referralId)
                        .put("reason", "Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
                patient.putArray("diagnosisCodes").add("O26.893").add("M54.50");
                patient.putObject("patient").put("reference", patientReference).put("firstName", "Elena")
                        .put("lastName", LAST_NAMES[(int) (n % LAST_NAMES.length)] + letters(n))
                        .put("birthDate", LocalDate.of(1950, 1, 1).plusDays(n % 20000).toString());
                // As referrals-service publishes them: who the patient is on its own topic, then the referral.
                producer.send(cloudEvent(PATIENTS_TOPIC, referralId, "app.rapport.referrals.PatientReferred.v1", clinic,
                        json.writeValueAsBytes(patient)));
                ProducerRecord<String, byte[]> rec = cloudEvent(REFERRALS_TOPIC, referralId,
                        "app.rapport.referrals.ReferralReceived.v2", clinic, json.writeValueAsBytes(payload));
                producer.send(rec);
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

    /**
     * The drain ceiling: for each of the two services, one raw consumer thread (the platform
     * runs one per handler) over the same backlog, doing per event what the platform's commit
     * rule asks — one transaction with the inbox row — plus the rows the service writes for a
     * ReferralReceived (outreach: referral fact, thank-you task, outbox event; reports:
     * referral copy, two queued reports, two outbox events), offsets committed after each poll.
     * Both run at once, as the services did.
     */
    private Map<String, Double> rawDrainCeiling(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) throws Exception {
        int limit = (int) Math.min(o.ceilingEvents, to.values().stream().mapToLong(Long::longValue).sum()
                - from.values().stream().mapToLong(Long::longValue).sum());
        say("drain ceiling: two raw consumers apply " + limit + " events each, one transaction per event ...");
        Map<String, Double> rates = new ConcurrentHashMap<>();
        runThreads(2, i -> {
            RapportService s = i == 0 ? RapportService.OUTREACH : RapportService.REPORTS;
            rates.put(i == 0 ? OUTREACH_GROUP : REPORTS_GROUP, rawConsumer(s, from, to, limit));
        });
        rates.forEach((g, r) -> say(String.format(Locale.ROOT, "drain ceiling %s: %.0f events/s", g, r)));
        return rates;
    }

    private double rawConsumer(RapportService s, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, int limit)
            throws Exception {
        boolean reports = s == RapportService.REPORTS;
        try (Connection c = connect(s); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_raw_inbox");
            st.execute("DROP TABLE IF EXISTS bench_raw_fact");
            st.execute("DROP TABLE IF EXISTS bench_raw_item");
            st.execute("DROP TABLE IF EXISTS bench_raw_outbox");
            st.execute("CREATE TABLE bench_raw_inbox LIKE processed_event");
            st.execute("CREATE TABLE bench_raw_outbox LIKE outbox_event");
            st.execute("CREATE TABLE bench_raw_fact (clinic_id VARCHAR(64) NOT NULL, id CHAR(36) NOT NULL,"
                    + " practitioner_id CHAR(36) NOT NULL, pcp_id CHAR(36) NULL, received_on DATE NOT NULL, reason VARCHAR(500),"
                    + " patient_reference CHAR(36) NULL, PRIMARY KEY (clinic_id, id), INDEX ix_pr (clinic_id, practitioner_id, received_on))"
                    + " ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
            st.execute("CREATE TABLE bench_raw_item (id CHAR(36) NOT NULL PRIMARY KEY, clinic_id VARCHAR(64) NOT NULL,"
                    + " referral_id CHAR(36) NOT NULL, practitioner_id CHAR(36) NOT NULL, kind VARCHAR(32) NOT NULL,"
                    + " status VARCHAR(32) NOT NULL, due_on DATE NULL, created_at TIMESTAMP(6) NOT NULL,"
                    + " UNIQUE KEY uq_item (clinic_id, referral_id, practitioner_id, kind), INDEX ix_list (clinic_id, status, due_on))"
                    + " ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
        }
        Properties p = byteConsumerProps("bench-raw-" + s.database());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        int applied = 0;
        long start;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p);
             Connection c = connect(s)) {
            c.setAutoCommit(false);
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            PreparedStatement inbox = c.prepareStatement("INSERT IGNORE INTO bench_raw_inbox (consumer, event_id, clinic_id, event_type,"
                    + " processed_at) VALUES (?, ?, ?, ?, ?)");
            PreparedStatement fact = c.prepareStatement("INSERT INTO bench_raw_fact VALUES (?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement item = c.prepareStatement("INSERT INTO bench_raw_item VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            PreparedStatement outbox = c.prepareStatement("INSERT INTO bench_raw_outbox (id, clinic_id, aggregate_type, aggregate_id,"
                    + " topic, type, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            start = System.nanoTime();
            while (applied < limit) {
                var records = consumer.poll(Duration.ofMillis(500));
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    if (applied >= limit) {
                        break;
                    }
                    JsonNode e = json.readTree(r.value());
                    String clinic = header(r, "ce_clinicid");
                    Timestamp now = Timestamp.from(Instant.now());
                    inbox.setString(1, "bench-raw");
                    inbox.setString(2, header(r, "ce_id"));
                    inbox.setString(3, clinic);
                    inbox.setString(4, header(r, "ce_type"));
                    inbox.setTimestamp(5, now);
                    if (inbox.executeUpdate() == 1) {
                        String referralId = e.get("referralId").asText();
                        fact.setString(1, clinic);
                        fact.setString(2, referralId);
                        fact.setString(3, e.get("practitionerId").asText());
                        fact.setString(4, e.path("primaryCarePractitionerId").asText(null));
                        fact.setObject(5, LocalDate.parse(e.get("receivedOn").asText()));
                        fact.setString(6, null); // the reason travels on referrals.patients.v1 now
                        fact.setString(7, e.path("patientReference").asText(null));
                        fact.executeUpdate();
                        List<String> recipients = reports
                                ? List.of(e.get("practitionerId").asText(), e.get("primaryCarePractitionerId").asText())
                                : List.of(e.get("practitionerId").asText());
                        for (String recipient : recipients) {
                            String id = UUID.randomUUID().toString();
                            item.setString(1, id);
                            item.setString(2, clinic);
                            item.setString(3, referralId);
                            item.setString(4, recipient);
                            item.setString(5, reports ? "INITIAL" : "THANK_YOU");
                            item.setString(6, reports ? "AWAITING_CONSENT" : "OPEN");
                            item.setObject(7, LocalDate.now());
                            item.setTimestamp(8, now);
                            item.executeUpdate();
                            ObjectNode ev = json.createObjectNode().put("id", id).put("referralId", referralId)
                                    .put("practitionerId", recipient).put("status", reports ? "AWAITING_CONSENT" : "OPEN")
                                    .put("occurredAt", now.toInstant().toString());
                            outbox.setString(1, UUID.randomUUID().toString());
                            outbox.setString(2, clinic);
                            outbox.setString(3, reports ? "Report" : "OutreachTask");
                            outbox.setString(4, id);
                            outbox.setString(5, reports ? REPORTS_TOPIC : ACTIVITIES_TOPIC);
                            outbox.setString(6, reports ? "app.rapport.reports.ReportQueued.v1" : "app.rapport.outreach.OutreachTaskCreated.v1");
                            outbox.setString(7, json.writeValueAsString(ev));
                            outbox.setTimestamp(8, now);
                            outbox.executeUpdate();
                        }
                    }
                    c.commit();
                    applied++;
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                if (!offsets.isEmpty()) {
                    consumer.commitSync(offsets);
                }
            }
        }
        double rate = applied / seconds(start);
        try (Connection c = connect(s); Statement st = c.createStatement()) {
            for (String t : List.of("bench_raw_inbox", "bench_raw_fact", "bench_raw_item", "bench_raw_outbox")) {
                st.execute("DROP TABLE " + t);
            }
        }
        return rate;
    }

    // ------------------------------------------------------------------ list queries at scale

    /** The list endpoints' latency in the big clinic and in one of the 100 small ones. */
    private void queryLatencies(String label) throws Exception {
        for (String clinic : List.of(ONE_CLINIC, clinic(0))) {
            String token = platform.mintToken(clinic, "staff", "clinician");
            long tasks = count(RapportService.OUTREACH, "SELECT COUNT(*) FROM outreach_task WHERE clinic_id = ?", clinic);
            long tasksAll = count(RapportService.OUTREACH, "SELECT COUNT(*) FROM outreach_task");
            long reportRows = count(RapportService.REPORTS, "SELECT COUNT(*) FROM report WHERE clinic_id = ?", clinic);
            long reportsAll = count(RapportService.REPORTS, "SELECT COUNT(*) FROM report");
            long referralRows = count(RapportService.REFERRALS, "SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic);
            long referralsAll = count(RapportService.REFERRALS, "SELECT COUNT(*) FROM referral");
            results.query(label, clinic, "outreach GET /tasks?type=THANK_YOU&status=OPEN&size=20", tasks, tasksAll,
                    timeGets(RapportService.OUTREACH, "/api/v1/tasks?type=THANK_YOU&status=OPEN&page=0&size=20", token));
            results.query(label, clinic, "outreach GET /tasks?overdue=true&size=20", tasks, tasksAll,
                    timeGets(RapportService.OUTREACH, "/api/v1/tasks?overdue=true&page=0&size=20", token));
            results.query(label, clinic, "reports GET /reports?status=AWAITING_CONSENT&size=20", reportRows, reportsAll,
                    timeGets(RapportService.REPORTS, "/api/v1/reports?status=AWAITING_CONSENT&page=0&size=20", token));
            results.query(label, clinic, "referrals GET /referrals?direction=RECEIVED&size=20", referralRows, referralsAll,
                    timeGets(RapportService.REFERRALS, "/api/v1/referrals?direction=RECEIVED&page=0&size=20", token));
        }
    }

    private Latencies timeGets(RapportService s, String path, String token) throws Exception {
        Latencies lat = new Latencies();
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = get(s, path, token);
            long end = System.nanoTime();
            if (r.statusCode() != 200) {
                throw new IllegalStateException(s.moduleName() + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
            if (i >= 5) {
                lat.add(end - start);
            }
        }
        return lat;
    }

    // ------------------------------------------------------------------ Kafka helpers

    private Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        return Admin.create(p);
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = admin()) {
            var parts = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions();
            Map<TopicPartition, OffsetSpec> req = new HashMap<>();
            parts.forEach(pi -> req.put(new TopicPartition(topic, pi.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> out = new HashMap<>();
            for (var e : admin.listOffsets(req).all().get(30, TimeUnit.SECONDS).entrySet()) {
                out.put(e.getKey(), e.getValue().offset());
            }
            return out;
        }
    }

    /** Events of {@code to} the group has not committed yet. */
    private static long lag(Admin admin, String group, Map<TopicPartition, Long> to) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        long lag = 0;
        for (var e : to.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    private void awaitLagZero(Duration timeout, String... groups) throws Exception {
        Map<TopicPartition, Long> to = endOffsets(REFERRALS_TOPIC);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin()) {
            for (String g : groups) {
                while (lag(admin, g, to) > 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(g + " did not catch up within " + timeout);
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    private Properties producerProps(int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    private Properties byteProducerProps() {
        Properties p = producerProps(5);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return p;
    }

    private Properties consumerProps(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        return p;
    }

    private Properties byteConsumerProps(String group) {
        Properties p = consumerProps(group);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return p;
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ HTTP helpers

    private HttpResponse<String> post(RapportService s, String path, String token, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(s) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(RapportService s, String path, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(s) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    // ------------------------------------------------------------------ small things

    interface Work {
        void run(int index) throws Exception;
    }

    /** Runs {@code n} threads of {@code work} and waits for all; rethrows the first failure. */
    private static void runThreads(int n, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            fs.add(pool.submit(() -> {
                work.run(index);
                return null;
            }));
        }
        try {
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

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

    private void say(String line) {
        System.out.printf(Locale.ROOT, "[bench %6.1f s] %s%n", seconds(t0), line);
        System.out.flush();
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
