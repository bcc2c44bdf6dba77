package app.rapport.bench;

import app.rapport.local.RapportService;
import app.rapport.platform.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Backlog drain: every service with a consumer group on the referral topics (found on the broker:
 * outreach, reports and contacts today) is stopped; N received referrals are written to the
 * topics as referrals-service publishes them; all those services start together, and the drain
 * ends when every group's lag is 0 (committed offsets against the end offsets). Ceilings: raw
 * consumers doing each service's statements ({@link ServiceStatements#CONSUMERS}) over the same
 * backlog with one transaction per event, and with one per poll batch.
 */
final class Drain extends Scenario {

    /** What one drain measured. */
    record Outcome(int events, Map<String, Double> rates, Map<String, Double> drainedAfter, Map<String, Double> readyAfter,
                   double allDrainedAfter, Map<String, List<String>> profiles) {
    }

    Drain(Context c) {
        super(c);
    }

    /** The main drain: half in one clinic, half over {@code --clinics}; with both ceilings. */
    void run() throws Exception {
        int oneClinic = o.backlog / 2;
        Map<TopicPartition, Long> from = client.endOffsets(Topics.REFERRALS, Topics.PATIENTS);
        Outcome out = drain("main", o.backlog, i -> i < oneClinic ? Client.ONE_CLINIC : Client.clinic((i - oneClinic) % o.clinics),
                o.profile != BenchOptions.Profile.OFF);
        Map<TopicPartition, Long> to = client.endOffsets(Topics.REFERRALS, Topics.PATIENTS);
        Map<String, Double> perEvent = ceiling(from, to, "event");
        Map<String, Double> perBatch = ceiling(from, to, "batch");
        results.drain(out, perEvent, perBatch);
    }

    private Map<String, Double> ceiling(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to, String mode) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("bootstrap", platform.kafkaBootstrap());
        args.put("from", Ceilings.offsets(from));
        args.put("to", Ceilings.offsets(to));
        args.put("limit", Integer.toString(o.ceilingEvents));
        args.put("mode", mode);
        for (RapportService s : List.of(RapportService.OUTREACH, RapportService.REPORTS, RapportService.CONTACTS)) {
            args.putAll(ceilings.database(s, s.database() + "."));
        }
        client.say("drain ceiling: raw consumers for outreach, reports (referrals and patients) and contacts, one transaction per " + mode
                + ", up to " + o.ceilingEvents + " events each ...");
        Map<String, Double> r = ceilings.run("drain", args);
        r.forEach((k, v) -> client.say(String.format(Locale.ROOT, "  %s %.0f", k, v)));
        return r;
    }

    /**
     * Stops the consumers of the referral topics, writes {@code events} received referrals
     * ({@code clinicOf} picks each one's clinic), starts them together and waits until every
     * group's lag is 0; the rate of a group is its events over the time from its first event
     * consumed (its lag first below the backlog; lags are read every 0.25 s) to its lag 0. Not from
     * readiness: consumers holding partitions apply events before the service reports ready, so a
     * rate from readiness counts work done before it.
     */
    Outcome drain(String label, int events, IntFunction<String> clinicOf, boolean profile) throws Exception {
        client.awaitAllCaughtUp(Duration.ofMinutes(10));
        Map<String, Set<String>> groups = client.groupsOn(Topics.REFERRALS, Topics.PATIENTS);
        Map<String, RapportService> owner = new LinkedHashMap<>();
        for (String g : groups.keySet()) {
            for (RapportService s : RapportService.values()) {
                if (g.startsWith(s.moduleName() + ".")) {
                    owner.put(g, s);
                }
            }
        }
        Set<RapportService> services = new LinkedHashSet<>(owner.values());
        client.say("drain " + label + ": stopping " + services + " (groups " + groups.keySet() + ") ...");
        services.forEach(s -> platform.stopService(s, false));
        Map<TopicPartition, Long> from = client.endOffsets(Topics.REFERRALS, Topics.PATIENTS);
        long producing = System.nanoTime();
        client.produceReferrals(events, clinicOf);
        Map<TopicPartition, Long> to = client.endOffsets(Topics.REFERRALS, Topics.PATIENTS);
        client.say(String.format(Locale.ROOT, "drain %s: %d received referrals written in %.1f s; starting %d services together ...",
                label, events, Client.seconds(producing), services.size()));
        long launched = System.nanoTime();
        services.forEach(platform::startService);
        Map<String, Double> ready = new ConcurrentHashMap<>();
        List<Thread> waits = new ArrayList<>();
        for (RapportService s : services) {
            Thread t = new Thread(() -> {
                platform.awaitServiceHealthy(s, Duration.ofMinutes(3));
                ready.put(s.moduleName(), Client.seconds(launched));
            });
            t.start();
            waits.add(t);
        }
        // The two services with drain targets, each profiled over its own drain.
        Map<RapportService, Profiler.Recording> recordings = new LinkedHashMap<>();
        if (profile) {
            for (RapportService s : List.of(RapportService.OUTREACH, RapportService.REPORTS)) {
                // jcmd attaches once the JVM is up: from its readiness, which is when its consumers start.
                platform.awaitServiceHealthy(s, Duration.ofMinutes(3));
                recordings.put(s, profiler.start(platform.servicePid(s).orElseThrow(), "drain-" + label + "-" + s.moduleName()));
            }
        }
        Map<String, Long> backlog = new HashMap<>();
        for (var g : groups.entrySet()) {
            long n = 0;
            for (var e : to.entrySet()) {
                if (g.getValue().contains(e.getKey().topic())) {
                    n += e.getValue() - from.getOrDefault(e.getKey(), 0L);
                }
            }
            backlog.put(g.getKey(), n);
        }
        Map<String, Double> drained = new LinkedHashMap<>();
        Map<String, Double> started = new HashMap<>();
        long deadline = launched + java.util.concurrent.TimeUnit.SECONDS.toNanos(o.drainTimeoutSeconds);
        try (Admin admin = client.admin()) {
            while (drained.size() < groups.size() && System.nanoTime() < deadline) {
                for (var g : groups.entrySet()) {
                    if (drained.containsKey(g.getKey())) {
                        continue;
                    }
                    long lag = Client.lag(admin, g.getKey(), g.getValue(), to);
                    if (lag < backlog.get(g.getKey())) {
                        // polled every 0.25 s: the first event went at most that long before
                        started.putIfAbsent(g.getKey(), Math.max(0, Client.seconds(launched) - 0.25));
                    }
                    if (lag == 0) {
                        drained.put(g.getKey(), Client.seconds(launched));
                        client.say(String.format(Locale.ROOT, "drain %s: %s at lag 0, %.1f s after launch", label, g.getKey(),
                                Client.seconds(launched)));
                    }
                }
                Thread.sleep(250);
            }
            for (var g : groups.entrySet()) {
                if (!drained.containsKey(g.getKey())) {
                    client.say("drain " + label + ": " + g.getKey() + " still has " + Client.lag(admin, g.getKey(), g.getValue(), to)
                            + " events after " + o.drainTimeoutSeconds + " s");
                }
            }
        }
        Map<String, List<String>> frames = new LinkedHashMap<>();
        recordings.forEach((s, rec) -> frames.put(s.moduleName(), rec.stop()));
        for (Thread t : waits) {
            t.join();
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, Double> readyByGroup = new HashMap<>();
        for (var g : groups.entrySet()) {
            long n = backlog.get(g.getKey());
            Double d = drained.get(g.getKey());
            Double first = started.get(g.getKey());
            readyByGroup.put(g.getKey(), ready.get(owner.get(g.getKey()).moduleName()));
            rates.put(g.getKey(), d == null || first == null ? Double.NaN : n / Math.max(0.25, d - first));
        }
        double all = drained.size() == groups.size() ? drained.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)
                : Double.NaN;
        return new Outcome(events, rates, drained, readyByGroup, all, frames);
    }
}
