package app.rapport.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The raw ceilings, run by {@link CeilingJvm} in a child JVM started with the services' own JVM
 * flags, so that a ratio compares the service with raw JDBC or Kafka on the same JIT, heap and
 * GC. {@code java … app.rapport.bench.Ceilings <ceiling> key=value …}; the result is one line
 * {@code CEILING key=value …} on standard output.
 */
public final class Ceilings {

    private final Map<String, String> a;
    private final ObjectMapper json = new ObjectMapper();

    private Ceilings(Map<String, String> a) {
        this.a = a;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            a.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Ceilings c = new Ceilings(a);
        Map<String, Object> out = switch (args[0]) {
            case "insert-commit" -> c.insertCommit();
            case "same-work" -> c.sameWork();
            case "drain" -> c.drain();
            case "kafka" -> c.kafka();
            default -> throw new IllegalArgumentException("unknown ceiling " + args[0]);
        };
        StringBuilder b = new StringBuilder("CEILING");
        out.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        System.out.println(b);
        System.exit(0);
    }

    private Connection connect(String prefix) throws SQLException {
        return DriverManager.getConnection(a.get(prefix + "url"), a.get(prefix + "user"), a.get(prefix + "password"));
    }

    private int n(String key) {
        return Integer.parseInt(a.get(key));
    }

    // ------------------------------------------------------------------ ingest

    /** The physical ceiling: single-row INSERT + COMMIT on {@code threads} connections. */
    private Map<String, Object> insertCommit() throws Exception {
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_ceiling_referral");
            // About a referral row's width, with its clinic index.
            st.execute("CREATE TABLE bench_ceiling_referral (id CHAR(36) NOT NULL PRIMARY KEY, clinic_id VARCHAR(64) NOT NULL,"
                    + " practitioner_id CHAR(36) NOT NULL, reason VARCHAR(500) NOT NULL, created_at TIMESTAMP(6) NOT NULL,"
                    + " INDEX ix_clinic (clinic_id, created_at)) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin");
        }
        String pract = UUID.randomUUID().toString();
        Map<String, Object> out = timedThreads((c, i) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_ceiling_referral VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, Client.ONE_CLINIC);
                ps.setString(3, pract);
                ps.setString(4, Client.REASON);
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.executeUpdate();
                c.commit();
            }
        });
        try (Connection c = connect(""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE bench_ceiling_referral");
        }
        return out;
    }

    /** The same work: referrals-service's statements for one received referral, on {@code threads} connections. */
    private Map<String, Object> sameWork() throws Exception {
        try (Connection c = connect("")) {
            ServiceStatements.shadowTables(c, ServiceStatements.REFERRALS_WRITES, List.of());
        }
        String clinic = a.get("clinic");
        AtomicLong seq = new AtomicLong();
        LocalDate today = LocalDate.now();
        Map<Integer, ServiceStatements.Runner> runners = new ConcurrentHashMap<>();
        Map<String, Object> out = timedThreads((c, i) -> {
            long k = seq.incrementAndGet();
            ServiceStatements.Work w = new ServiceStatements.Work(clinic, a.get("practitioner"), a.get("primaryCare"), null,
                    null, null, "Same" + Client.letters(k), Client.birthDate(k), today);
            ServiceStatements.Runner r = runners.computeIfAbsent(i, x -> new ServiceStatements.Runner(c));
            r.run(ServiceStatements.REFERRAL_RECEIVED_TX, w);
            c.commit();
            c.setAutoCommit(true);
            r.run(ServiceStatements.REFERRAL_RECEIVED_ANSWER, w);
            c.setAutoCommit(false);
        });
        try (Connection c = connect("")) {
            ServiceStatements.dropShadowTables(c, ServiceStatements.REFERRALS_WRITES);
        }
        return out;
    }

    interface Op {
        void run(Connection c, int thread) throws Exception;
    }

    /** {@code threads} connections doing {@code op} for 1 s of warm-up, then {@code seconds} measured. */
    private Map<String, Object> timedThreads(Op op) throws Exception {
        int threads = n("threads");
        int seconds = n("seconds");
        Latencies lat = new Latencies();
        AtomicLong done = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            fs.add(pool.submit(() -> {
                try (Connection c = connect("")) {
                    c.setAutoCommit(false);
                    while (true) {
                        long s = System.nanoTime();
                        if (s > end) {
                            return null;
                        }
                        op.run(c, index);
                        if (s >= measureFrom) {
                            lat.add(System.nanoTime() - s);
                            done.incrementAndGet();
                        }
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rate", done.get() / (double) seconds);
        out.put("p50", lat.p50());
        out.put("p99", lat.p99());
        return out;
    }

    // ------------------------------------------------------------------ drain

    /**
     * One raw consumer per consumer the services run over the backlog (outreach, reports' two,
     * contacts), all at once as the services ran, each applying its service's statements to up to
     * {@code limit} events of its topic's part of the backlog ({@code from}–{@code to});
     * {@code mode=event}: one transaction per event (the platform's rule before issue 14),
     * {@code mode=batch}: one per poll. Offsets committed after each poll. Rates keyed by consumer.
     */
    private Map<String, Object> drain() throws Exception {
        Map<TopicPartition, Long> from = offsets(a.get("from"));
        Map<TopicPartition, Long> to = offsets(a.get("to"));
        boolean batch = "batch".equals(a.get("mode"));
        // Each database's bench_ tables made once, before any consumer writes to them.
        Map<String, List<ServiceStatements.ConsumerWork>> byDatabase = new LinkedHashMap<>();
        for (ServiceStatements.ConsumerWork work : ServiceStatements.CONSUMERS) {
            byDatabase.computeIfAbsent(databaseOf(work), d -> new ArrayList<>()).add(work);
        }
        for (var e : byDatabase.entrySet()) {
            try (Connection c = connect(e.getKey())) {
                for (ServiceStatements.ConsumerWork work : e.getValue()) {
                    ServiceStatements.shadowTables(c, work.writes(), work.copies());
                }
            }
        }
        Map<String, Object> out = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        int limit = 0;
        for (ServiceStatements.ConsumerWork work : ServiceStatements.CONSUMERS) {
            Map<TopicPartition, Long> start = new HashMap<>();
            long backlog = 0;
            for (var e : to.entrySet()) {
                if (e.getKey().topic().equals(work.topic())) {
                    long first = from.getOrDefault(e.getKey(), 0L);
                    start.put(e.getKey(), first);
                    backlog += e.getValue() - first;
                }
            }
            int events = (int) Math.min(n("limit"), backlog);
            limit = Math.max(limit, events);
            Thread t = new Thread(() -> {
                try {
                    out.put(work.consumer(), rawConsumer(work, start, events, batch));
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "raw-" + work.consumer());
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (var e : byDatabase.entrySet()) {
            try (Connection c = connect(e.getKey())) {
                for (ServiceStatements.ConsumerWork work : e.getValue()) {
                    List<String> shadow = new ArrayList<>(work.writes());
                    shadow.addAll(work.copies());
                    ServiceStatements.dropShadowTables(c, shadow);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        out.put("events", limit);
        return new LinkedHashMap<>(out);
    }

    private static String databaseOf(ServiceStatements.ConsumerWork work) {
        return work.service().replace("-service", "") + ".";
    }

    private double rawConsumer(ServiceStatements.ConsumerWork work, Map<TopicPartition, Long> from, int limit, boolean batch)
            throws Exception {
        Properties p = Client.consumerProps(a.get("bootstrap"), "bench-raw-" + work.consumer());
        int applied = 0;
        long start;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p); Connection c = connect(databaseOf(work))) {
            c.setAutoCommit(false);
            ServiceStatements.Runner runner = new ServiceStatements.Runner(c);
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            start = System.nanoTime();
            while (applied < limit) {
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                List<ServiceStatements.Work> poll = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (applied >= limit) {
                        break;
                    }
                    ServiceStatements.Work w = work(r);
                    if (batch) {
                        poll.add(w);
                    } else {
                        alone(runner, c, work, w);
                    }
                    applied++;
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
                if (batch && !poll.isEmpty()) {
                    // One event in a poll goes alone, as EventConsumers applies a run of one.
                    if (poll.size() == 1) {
                        alone(runner, c, work, poll.get(0));
                    } else {
                        try {
                            runner.together(work, poll);
                            c.commit();
                        } catch (SQLTransactionRollbackException deadlock) {
                            // As EventConsumers does: the batch rolled back, its events applied one by one.
                            c.rollback();
                            for (ServiceStatements.Work w : poll) {
                                alone(runner, c, work, w);
                            }
                        }
                    }
                }
                if (!offsets.isEmpty()) {
                    consumer.commitSync(offsets);
                }
            }
        }
        return applied / Client.seconds(start);
    }

    /**
     * One event in its own transaction; a deadlock with another raw consumer (reports' two share the
     * patient rows, as the service's do) is retried, as the service retries a transient failure.
     */
    private static void alone(ServiceStatements.Runner runner, Connection c, ServiceStatements.ConsumerWork work,
                              ServiceStatements.Work w) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                runner.alone(work, w);
                c.commit();
                return;
            } catch (SQLTransactionRollbackException deadlock) {
                c.rollback();
                if (attempt == 10) {
                    throw deadlock;
                }
            }
        }
    }

    /** The work item of a ReferralReceived or a PatientReferred as the bench wrote it. */
    private ServiceStatements.Work work(ConsumerRecord<String, byte[]> r) throws IOException {
        JsonNode e = json.readTree(r.value());
        JsonNode patient = e.path("patient");
        String receivedOn = e.path("receivedOn").asText(null);
        String birthDate = patient.path("birthDate").asText(null);
        return new ServiceStatements.Work(Client.header(r, "ce_clinicid"), e.path("practitionerId").asText(null),
                e.path("primaryCarePractitionerId").asText(null), e.get("referralId").asText(), Client.header(r, "ce_id"),
                e.has("patientReference") ? e.get("patientReference").asText() : patient.path("reference").asText(null),
                patient.path("lastName").asText(null), birthDate == null ? null : LocalDate.parse(birthDate),
                receivedOn == null ? null : LocalDate.parse(receivedOn));
    }

    /** "topic:partition:offset,…" */
    static Map<TopicPartition, Long> offsets(String s) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (String part : s.split(",")) {
            String[] f = part.split(":");
            out.put(new TopicPartition(f[0], Integer.parseInt(f[1])), Long.parseLong(f[2]));
        }
        return out;
    }

    static String offsets(Map<TopicPartition, Long> m) {
        List<String> parts = new ArrayList<>();
        m.forEach((tp, o) -> parts.add(tp.topic() + ":" + tp.partition() + ":" + o));
        return String.join(",", parts);
    }

    // ------------------------------------------------------------------ Kafka

    /**
     * Produce → consume on the same broker at {@code rate} records/s for {@code count} records,
     * acks=all, no linger. The sender sleeps until each record's scheduled time (no spinning, so
     * it does not take a core from the broker on a 2-core machine) and sends asynchronously; each
     * latency runs from the record's scheduled time to its arrival at the consumer.
     */
    private Map<String, Object> kafka() throws Exception {
        String bootstrap = a.get("bootstrap");
        double rate = Double.parseDouble(a.get("rate"));
        int count = n("count");
        Latencies lat = new Latencies();
        TopicPartition tp = new TopicPartition(a.get("topic"), 0);
        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        AtomicLong failed = new AtomicLong();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Client.consumerProps(bootstrap, "bench-kafka-ceiling"));
             KafkaProducer<String, String> producer = new KafkaProducer<>(pp)) {
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            long interval = (long) (1e9 / rate);
            long start = System.nanoTime() + 100_000_000L;
            Thread sender = new Thread(() -> {
                for (int i = 0; i < count; i++) {
                    long due = start + i * interval;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    producer.send(new ProducerRecord<>(tp.topic(), 0, "k", Long.toString(due)), (md, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                        }
                    });
                }
                producer.flush();
            }, "kafka-ceiling-sender");
            sender.start();
            int seen = 0;
            long deadline = start + (long) (count * 1e9 / rate) + TimeUnit.SECONDS.toNanos(30);
            while (seen < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    lat.add(System.nanoTime() - Long.parseLong(new String(r.value(), StandardCharsets.UTF_8)));
                    seen++;
                }
            }
            sender.join();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("p50", lat.p50());
            out.put("p99", lat.p99());
            out.put("max", lat.max());
            out.put("lost", count - seen + failed.get());
            return out;
        }
    }

    /** Topic the Kafka ceiling writes: the bench's own, beside the platform's. */
    static final String LATENCY_TOPIC = "bench.latency";
}
