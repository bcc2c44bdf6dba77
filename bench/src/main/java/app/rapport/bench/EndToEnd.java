package app.rapport.bench;

import app.rapport.local.RapportService;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * End to end, open loop: referrals are sent at fixed times at half the measured sustained ingest,
 * each at its time whether or not earlier ones were answered; each latency runs from the
 * request's <i>scheduled</i> send time (a late send counts against the service, so a stall
 * cannot hide itself: no coordinated omission) to the moment both its thank-you task
 * (OutreachTaskCreated) and its queued report (ReportQueued) are on Kafka. Those events are
 * written in the same transaction as the task and the report, so they are readable then.
 * Beside the Kafka ceiling at the same rate.
 */
final class EndToEnd extends Scenario {

    EndToEnd(Context c) {
        super(c);
    }

    void run(double sustainedIngest) throws Exception {
        double rate = o.e2eRate > 0 ? o.e2eRate : Math.max(1, sustainedIngest / 2);
        int count = (int) Math.max(20, Math.round(rate * o.e2eSeconds));
        Map<String, String> args = new LinkedHashMap<>();
        args.put("bootstrap", client.platform.kafkaBootstrap());
        args.put("topic", Ceilings.LATENCY_TOPIC);
        args.put("rate", Double.toString(rate));
        args.put("count", Integer.toString(count));
        client.say(String.format(Locale.ROOT, "Kafka ceiling: %d records at %.1f/s, paced sender, async sends ...", count, rate));
        Map<String, Double> kafka = ceilings.run("kafka", args);
        client.say(String.format(Locale.ROOT, "  p50 %.2f ms, p99 %.2f ms, max %.2f ms, %.0f lost", kafka.get("p50"),
                kafka.get("p99"), kafka.get("max"), kafka.get("lost")));

        client.say(String.format(Locale.ROOT, "end to end: %d referrals scheduled at %.1f/s (half the sustained ingest) ...",
                count, rate));
        Map<String, Long> thanked = new ConcurrentHashMap<>();
        Map<String, Long> reported = new ConcurrentHashMap<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        CountDownLatch ready = new CountDownLatch(1);
        Thread watcher = new Thread(() -> watch(watching, ready, thanked, reported), "bench-e2e-watch");
        watcher.start();
        ready.await(60, TimeUnit.SECONDS);

        String token = client.token(Client.ONE_CLINIC);
        Map<String, Long> scheduled = new ConcurrentHashMap<>();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        Latencies posted = new Latencies();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime() + 200_000_000L;
        for (int k = 0; k < count; k++) {
            long due = start + k * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            client.postAsync(RapportService.REFERRALS, "/api/v1/referrals", token, client.referralBody(Client.ONE_CLINIC))
                    .whenComplete((r, e) -> {
                        answered.incrementAndGet();
                        if (e == null && r.statusCode() == 201) {
                            posted.add(System.nanoTime() - due);
                            try {
                                scheduled.put(client.json.readTree(r.body()).get("id").asText(), due);
                            } catch (IOException ex) {
                                failed.incrementAndGet();
                            }
                        } else {
                            failed.incrementAndGet();
                        }
                    });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.e2eWaitSeconds);
        while (System.nanoTime() < deadline && (answered.get() < count
                || !(thanked.keySet().containsAll(scheduled.keySet()) && reported.keySet().containsAll(scheduled.keySet())))) {
            Thread.sleep(100);
        }
        watching.set(false);
        watcher.join();
        Latencies both = new Latencies();
        Latencies task = new Latencies();
        Latencies report = new Latencies();
        int arrived = 0;
        for (var e : scheduled.entrySet()) {
            Long t = thanked.get(e.getKey());
            Long r = reported.get(e.getKey());
            if (t != null) {
                task.add(t - e.getValue());
            }
            if (r != null) {
                report.add(r - e.getValue());
            }
            if (t != null && r != null) {
                both.add(Math.max(t, r) - e.getValue());
                arrived++;
            }
        }
        int never = count - arrived;
        client.say(String.format(Locale.ROOT, "  both p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d of %d never arrived (%d POSTs failed)",
                both.p50(), both.p99(), both.max(), never, count, failed.get()));
        results.endToEnd(rate, count, both, task, report, posted, never, failed.get(), kafka);
    }

    private void watch(AtomicBoolean watching, CountDownLatch ready, Map<String, Long> thanked, Map<String, Long> reported) {
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(client.consumerProps("bench-e2e-watch"))) {
            List<TopicPartition> tps = new ArrayList<>();
            for (String topic : List.of(Topics.OUTREACH_ACTIVITIES, Topics.REPORTS)) {
                c.partitionsFor(topic).forEach(p -> tps.add(new TopicPartition(topic, p.partition())));
            }
            c.assign(tps);
            c.seekToEnd(tps);
            tps.forEach(c::position);
            ready.countDown();
            while (watching.get()) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    String type = Client.header(r, "ce_type");
                    if (type == null) {
                        continue;
                    }
                    JsonNode p = client.json.readTree(r.value());
                    String referralId = p.path("referralId").asText(null);
                    if (referralId == null) {
                        continue;
                    }
                    if (type.equals(EventTypes.OUTREACH_TASK_CREATED) && "THANK_YOU".equals(p.path("type").asText())) {
                        thanked.putIfAbsent(referralId, now);
                    } else if (type.equals(EventTypes.REPORT_QUEUED)) {
                        reported.putIfAbsent(referralId, now);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
