package app.rapport.referrals.web;

import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quick local figure for issue 14, not a test of speed (that is the benchmark's): 16 clients post
 * received referrals, each naming someone new, to one in-process referrals-service on the embedded
 * MariaDB for a while, and the probe prints referrals per second and the median latency. Off unless
 * asked: {@code -Drapport.ingestProbe=true -Dtest=ReferralIngestProbe}.
 */
@MicronautTest(transactional = false)
@EnabledIfSystemProperty(named = "rapport.ingestProbe", matches = "true")
class ReferralIngestProbe extends ReferralsTestSupport {

    private static final int CLIENTS = 16;
    private static final long WARM_UP_MS = 8_000;
    private static final long MEASURED_MS = 20_000;

    @Inject
    EmbeddedServer server;

    @Test
    void sixteenClientsPostReceivedReferrals() throws Exception {
        String clinic = TestClinics.unique("probe");
        String partner = partner(clinic, false);
        String bearer = staff(clinic);
        URI uri = server.getURI().resolve("/api/v1/referrals");
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(CLIENTS)).build();
        AtomicInteger sequence = new AtomicInteger();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        long start = System.currentTimeMillis();
        long measureFrom = start + WARM_UP_MS;
        long end = measureFrom + MEASURED_MS;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (System.currentTimeMillis() < end) {
                    Map<String, Object> body = newReferral("RECEIVED", partner);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> patient = (Map<String, Object>) body.get("patient");
                    patient.put("lastName", "Probe" + sequence.incrementAndGet());
                    long sentAt = System.nanoTime();
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri)
                                    .header("Authorization", bearer).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    long micros = (System.nanoTime() - sentAt) / 1_000;
                    if (response.statusCode() != 201) {
                        failures.incrementAndGet();
                    } else if (System.currentTimeMillis() >= measureFrom) {
                        latenciesMicros.add(micros);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        double perSecond = sorted.size() * 1000.0 / MEASURED_MS;
        System.out.printf("INGEST PROBE: %d clients, %.1f referrals/s, p50 %.1f ms, p99 %.1f ms, %d failed%n",
                CLIENTS, perSecond, sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get((int) (sorted.size() * 0.99)) / 1000.0, failures.get());
        assertThat(failures.get()).as("requests that were not a 201").isZero();
    }
}
