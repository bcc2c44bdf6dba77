package app.rapport.platform.observability;

import app.rapport.platform.inbox.DeadLetters;
import app.rapport.platform.outbox.OutboxRepository;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's own gauges: outbox backlog and the age of its oldest row (a stuck relay shows
 * here first) and dead letters written. Read at most every few seconds, whatever the scrape rate.
 */
@Context
@Requires(beans = MeterRegistry.class)
public class PlatformMetrics {

    private static final Duration CACHE = Duration.ofSeconds(5);

    private final OutboxRepository outbox;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(new Snapshot(Instant.EPOCH, 0, 0));
    private final Clock clock;

    public PlatformMetrics(MeterRegistry registry, OutboxRepository outbox, DeadLetters deadLetters, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        Gauge.builder("rapport.outbox.backlog", this, m -> m.read().backlog())
                .description("Outbox rows not yet relayed to Kafka").register(registry);
        Gauge.builder("rapport.outbox.oldest.age", this, m -> m.read().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest outbox row not yet relayed").register(registry);
        Gauge.builder("rapport.dead.letters", deadLetters, DeadLetters::count)
                .description("Records this process sent to dead-letter topics since it started").register(registry);
        FunctionCounter.builder("rapport.dead.letter.write.failures", deadLetters, DeadLetters::writeFailures)
                .description("Dead-letter writes that failed and were retried").register(registry);
        Gauge.builder("rapport.dead.letter.writes.failing", deadLetters, DeadLetters::failingWrites)
                .description("Records held back because their dead letter cannot be written yet").register(registry);
    }

    private Snapshot read() {
        Snapshot s = snapshot.get();
        if (s.at().plus(CACHE).isAfter(Instant.now())) {
            return s;
        }
        try {
            long backlog = outbox.countUnpublished();
            double age = outbox.oldestUnpublishedAt()
                    .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0).orElse(0.0);
            s = new Snapshot(Instant.now(), backlog, age);
        } catch (RuntimeException e) {
            s = new Snapshot(Instant.now(), Double.NaN, Double.NaN); // database away: say so, don't fail the scrape
        }
        snapshot.set(s);
        return s;
    }

    private record Snapshot(Instant at, double backlog, double oldestAgeSeconds) {
    }
}
