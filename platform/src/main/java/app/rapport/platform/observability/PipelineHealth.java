package app.rapport.platform.observability;

import app.rapport.platform.inbox.DeadLetters;
import app.rapport.platform.kafka.KafkaClients;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What the event pipeline of this process is doing, for readiness ({@link PipelineReadiness}) and
 * metrics: the relay and every consumer loop (alive, dead between restarts, or stuck), dead-letter
 * writes that keep failing, and whether the broker answers.
 *
 * <p>Metrics: {@code rapport_relay_alive}, {@code rapport_consumer_alive{handler,worker}} (1 or 0),
 * {@code rapport_relay_restarts_total}, {@code rapport_consumer_restarts_total{handler,worker}},
 * {@code rapport_kafka_reachable}; {@link DeadLetters} adds its own.
 */
@Singleton
public class PipelineHealth {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineHealth.class);

    private final PipelineSettings settings;
    private final DeadLetters deadLetters;
    private final KafkaClients clients;
    private final MeterRegistry registry;
    private final List<PipelineLoop> relays = new CopyOnWriteArrayList<>();
    private final List<PipelineLoop> consumers = new CopyOnWriteArrayList<>();
    /** Consumers whose current member has not yet been given its partitions by the group. */
    private final java.util.Set<PipelineLoop> waitingForPartitions = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Map<PipelineLoop, Held> held = new java.util.concurrent.ConcurrentHashMap<>();
    /** When (JVM uptime, ms) each consumer's first member was first told its share: the start profile. */
    private final java.util.Map<String, Long> firstHeldAt = new java.util.concurrent.ConcurrentHashMap<>();
    /** Until the first answer the broker counts as unreachable: readiness must not claim what it has not seen. */
    private volatile boolean brokerReachable;
    private volatile String brokerProblem = "not checked yet";
    private Admin admin;

    public PipelineHealth(PipelineSettings settings, DeadLetters deadLetters, KafkaClients clients,
                          @Nullable MeterRegistry registry) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.clients = clients;
        this.registry = registry;
        if (registry != null) {
            Gauge.builder("rapport.kafka.reachable", this, h -> h.brokerReachable ? 1 : 0)
                    .description("1 while the broker answers this service, 0 while it does not").register(registry);
        }
    }

    public void relay(PipelineLoop loop) {
        relays.add(loop);
        meters(loop, "rapport.relay", List.of());
    }

    public void consumer(PipelineLoop loop, String handler, int worker) {
        consumers.add(loop);
        waitingForPartitions.add(loop);
        meters(loop, "rapport.consumer", List.of(Tag.of("handler", handler), Tag.of("worker", Integer.toString(worker))));
    }

    public void forget(PipelineLoop loop) {
        relays.remove(loop);
        consumers.remove(loop);
        waitingForPartitions.remove(loop);
        held.remove(loop);
    }

    /** A new member of the consumer's group is joining: it holds nothing until the group answers. */
    public void waitingForPartitions(PipelineLoop loop) {
        held.remove(loop);
        waitingForPartitions.add(loop);
    }

    /**
     * The member now holds {@code partitions} partitions. With the consumer group protocol a
     * member's first answer is often empty: the partitions meant for it are still being released by
     * a member that joined a moment earlier, and reach it only at its next heartbeat.
     */
    public void partitionsHeld(PipelineLoop loop, int partitions) {
        held.put(loop, new Held(partitions, System.nanoTime()));
        waitingForPartitions.remove(loop);
        firstHeldAt.putIfAbsent(loop.name(), StartProfile.uptimeMillis());
    }

    /** The consumer whose member was the last to be told its first share, and when (JVM uptime, ms). */
    public java.util.Optional<java.util.Map.Entry<String, Long>> lastFirstHeld() {
        return firstHeldAt.entrySet().stream().max(java.util.Map.Entry.comparingByValue());
    }

    /**
     * Readiness waits for this: an event published now is fetched at once, not after a hand-over.
     * A member that holds nothing counts once it has held nothing for a settling period: then the
     * group simply has more members than partitions (replicas, or a raised concurrency).
     */
    public boolean holdsItsPartitions(PipelineLoop loop) {
        if (waitingForPartitions.contains(loop)) {
            return false;
        }
        Held h = held.get(loop);
        return h == null || h.partitions() > 0 || System.nanoTime() - h.sinceNanos() > settings.getPartitionsSettleAfter().toNanos();
    }

    private record Held(int partitions, long sinceNanos) {
    }

    private void meters(PipelineLoop loop, String prefix, List<Tag> tags) {
        if (registry == null) {
            return;
        }
        Gauge.builder(prefix + ".alive", loop, l -> l.state(settings.getStuckAfter()) == PipelineLoop.State.ALIVE ? 1 : 0)
                .tags(tags).description("1 while the loop runs and makes progress, 0 while it is dead or stuck")
                .register(registry);
        FunctionCounter.builder(prefix + ".restarts", loop, PipelineLoop::restarts)
                .tags(tags).description("Times the loop died and was started again").register(registry);
    }

    public List<PipelineLoop> relays() {
        return List.copyOf(relays);
    }

    public List<PipelineLoop> consumers() {
        return List.copyOf(consumers);
    }

    public PipelineLoop.State state(PipelineLoop loop) {
        return loop.state(settings.getStuckAfter());
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public boolean brokerReachable() {
        return brokerReachable;
    }

    public String brokerProblem() {
        return brokerProblem;
    }

    /** Asks the broker in the background, so that a readiness probe never waits on it. */
    @Scheduled(fixedDelay = "5s", initialDelay = "0s")
    void checkBroker() {
        try {
            Admin a = admin();
            long timeout = settings.getBrokerCheckTimeout().toMillis();
            a.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout))
                    .clusterId().get(timeout + 500, TimeUnit.MILLISECONDS);
            if (!brokerReachable) {
                LOG.info("The Kafka broker answers");
            }
            brokerReachable = true;
            brokerProblem = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (brokerReachable) {
                LOG.warn("The Kafka broker does not answer: {}", e.toString());
            }
            brokerReachable = false;
            brokerProblem = e.getClass().getSimpleName();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = clients.newAdmin(settings.getBrokerCheckTimeout());
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
