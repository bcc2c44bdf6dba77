package app.rapport.bench;

import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import app.rapport.platform.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Start and memory: MariaDB and Kafka, the topics, the class-data archives of all four jars
 * (made before anything is timed, so that every start below maps its archive as
 * {@code deploy/local/run} does from the second start on), then each service launched alone and
 * timed to readiness; resident memory idle and, sampled through the whole run, under load.
 */
final class Startup {

    private final Client client;
    private final LocalPlatform platform;
    private final Results results;
    /** Per service, the sample with the largest resident set while the bench ran. */
    private final Map<RapportService, Machine.Rss> loadRss = new EnumMap<>(RapportService.class);
    private final AtomicBoolean sampling = new AtomicBoolean();
    private Thread sampler;

    Startup(Client client, Results results) {
        this.client = client;
        this.platform = client.platform;
        this.results = results;
    }

    void run() throws Exception {
        client.say("starting MariaDB and Kafka in " + platform.dataDir() + " ...");
        Thread db = new Thread(platform::startDatabase, "bench-db-start");
        db.start();
        platform.startBroker();
        db.join();
        platform.awaitHealthy(Duration.ofSeconds(120));
        createTopics();
        long archives = System.nanoTime();
        platform.prepareClassDataArchives(List.of(RapportService.values()));
        client.say(String.format(Locale.ROOT, "class-data archives ready (%.1f s; made once per build of a jar)",
                Client.seconds(archives)));
        for (RapportService s : RapportService.values()) {
            long launched = System.nanoTime();
            platform.startService(s);
            platform.awaitServiceHealthy(s, Duration.ofMinutes(3));
            double secs = Client.seconds(launched);
            client.say(String.format(Locale.ROOT, "%s ready %.2f s after launch (archive %s)", s.moduleName(), secs,
                    platform.classDataArchive(s).toFile().isFile() ? "used" : "missing"));
            results.start(s, secs);
            startProfile(s).ifPresent(line -> client.say("  " + s.moduleName() + " " + line));
        }
        Client.sleep(3000);
        for (RapportService s : RapportService.values()) {
            double rss = Machine.rssMiB(platform.servicePid(s).orElse(-1L));
            results.rssIdle(s, rss);
            client.say(String.format(Locale.ROOT, "%s idle RSS %.0f MiB", s.moduleName(), rss));
        }
        startSampler();
    }

    /**
     * The service's own account of its start (platform {@code StartProfile}): context, HTTP and the
     * consumer members' joins as JVM uptime, so a slow start says which part to shorten. Readiness
     * may have been probed a moment before the line was flushed: waits briefly for it. The log is
     * appended to by every run of the service (the class-data training run too): the last line is
     * this start's.
     */
    private java.util.Optional<String> startProfile(RapportService s) {
        for (int i = 0; i < 30; i++) {
            try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(platform.logFile(s))) {
                java.util.Optional<String> ready = lines.filter(l -> l.contains("StartProfile") && l.contains("Ready at"))
                        .map(l -> l.substring(l.indexOf("Ready at"))).reduce((earlier, later) -> later);
                if (ready.isPresent()) {
                    return ready;
                }
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                return java.util.Optional.empty();
            }
            Client.sleep(100);
        }
        return java.util.Optional.empty();
    }

    /** The topics exist before any service starts, as in production (6 partitions, like the broker default). */
    private void createTopics() throws Exception {
        try (Admin admin = client.admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> topics = new ArrayList<>();
            for (String t : Topics.ALL) {
                if (!existing.contains(t)) {
                    topics.add(new NewTopic(t, 6, (short) 1));
                }
            }
            topics.add(new NewTopic(Ceilings.LATENCY_TOPIC, 1, (short) 1));
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
    }

    private void startSampler() {
        sampling.set(true);
        sampler = new Thread(() -> {
            while (sampling.get()) {
                for (RapportService s : RapportService.values()) {
                    platform.servicePid(s).ifPresent(pid -> {
                        Machine.Rss rss = Machine.rss(pid);
                        synchronized (loadRss) {
                            loadRss.merge(s, rss, (a, b) -> b.total() > a.total() ? b : a);
                        }
                    });
                }
                Client.sleep(500);
            }
        }, "bench-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Ends the sampling and hands the maxima to the results. */
    void finish() {
        sampling.set(false);
        if (sampler != null) {
            sampler.interrupt();
        }
        synchronized (loadRss) {
            for (RapportService s : RapportService.values()) {
                results.rssLoad(s, loadRss.getOrDefault(s, Machine.Rss.NONE));
            }
        }
    }
}
