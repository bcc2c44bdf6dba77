package app.rapport.bench;

import app.rapport.local.RapportService;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest: {@code --clients} clients POST received referrals as fast as they are answered, once
 * with the downstream consumers running (as in production) and once with them stopped; beside
 * the physical ceiling (single-row INSERT + COMMIT) and the same-work ceiling (referrals-service's
 * own statements, {@link ServiceStatements#REFERRAL_RECEIVED_TX}), both on as many threads.
 */
final class Ingest extends Scenario {

    /** The services whose consumers read what ingest publishes. */
    static final List<RapportService> DOWNSTREAM = List.of(RapportService.OUTREACH, RapportService.REPORTS,
            RapportService.CONTACTS);

    Ingest(Context c) {
        super(c);
    }

    /** @return the sustained ingest with consumers running, referrals/s */
    double run() throws Exception {
        Map<String, String> args = new LinkedHashMap<>(ceilings.database(RapportService.REFERRALS, ""));
        args.put("threads", Integer.toString(o.clients));
        args.put("seconds", Integer.toString(o.ceilingSeconds));
        client.say("ingest ceiling, physical: " + o.clients + " threads, INSERT + COMMIT, " + o.ceilingSeconds + " s (services' JVM flags) ...");
        Map<String, Double> physical = ceilings.run("insert-commit", args);
        client.say(String.format(Locale.ROOT, "  %.0f commits/s, p50 %.2f ms", physical.get("rate"), physical.get("p50")));
        List<String> p = client.partners.get(Client.ONE_CLINIC);
        args.put("clinic", Client.ONE_CLINIC);
        args.put("practitioner", p.get(0));
        args.put("primaryCare", p.get(1));
        client.say("ingest ceiling, same work: referrals-service's statements for one referral, " + o.clients + " threads ...");
        Map<String, Double> sameWork = ceilings.run("same-work", args);
        client.say(String.format(Locale.ROOT, "  %.0f referrals/s, p50 %.2f ms", sameWork.get("rate"), sameWork.get("p50")));

        Profiler.Recording rec = o.profile == BenchOptions.Profile.OFF ? null
                : profiler.start(platform.servicePid(RapportService.REFERRALS).orElseThrow(), "ingest-referrals-service");
        Measured running = measure("consumers running");
        List<String> profile = rec == null ? List.of() : rec.stop();
        client.awaitAllCaughtUp(Duration.ofMinutes(5));

        client.say("ingest: stopping outreach-, reports- and contacts-service (their consumers) ...");
        for (RapportService s : DOWNSTREAM) {
            platform.stopService(s, false);
        }
        Measured paused = measure("consumers stopped");
        client.say("ingest: starting them again; they catch up before the next phase ...");
        DOWNSTREAM.forEach(platform::startService);
        for (RapportService s : DOWNSTREAM) {
            platform.awaitServiceHealthy(s, Duration.ofMinutes(3));
        }
        client.awaitAllCaughtUp(Duration.ofMinutes(10));
        results.ingest(physical, sameWork, running.rate, running.lat, running.failed, paused.rate, paused.lat, paused.failed,
                profile);
        return running.rate;
    }

    private record Measured(double rate, Latencies lat, long failed) {
    }

    private Measured measure(String label) throws Exception {
        client.say("ingest (" + label + "): " + o.clients + " clients POST /api/v1/referrals, 3 s warm-up + "
                + o.ingestSeconds + " s ...");
        String token = client.token(Client.ONE_CLINIC);
        Latencies lat = new Latencies();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long measureFrom = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(o.ingestSeconds);
        ExecutorService pool = Executors.newFixedThreadPool(o.clients);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < o.clients; i++) {
            fs.add(pool.submit(() -> {
                while (true) {
                    long s = System.nanoTime();
                    if (s > end) {
                        return null;
                    }
                    HttpResponse<String> r = client.postReferral(token, Client.ONE_CLINIC);
                    long e = System.nanoTime();
                    if (r.statusCode() != 201) {
                        if (failed.incrementAndGet() <= 3) {
                            client.say("ingest: unexpected " + r.statusCode() + " " + r.body());
                        }
                    } else if (s >= measureFrom) {
                        lat.add(e - s);
                        done.incrementAndGet();
                    }
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double rate = done.get() / (double) o.ingestSeconds;
        client.say(String.format(Locale.ROOT, "  %.0f referrals/s, p50 %.1f ms, p99 %.1f ms, %d failed", rate, lat.p50(),
                lat.p99(), failed.get()));
        return new Measured(rate, lat, failed.get());
    }
}
