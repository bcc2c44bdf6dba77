package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.kafka.KafkaClients;
import app.rapport.platform.kafka.TopicBootstrap;
import app.rapport.platform.observability.TraceParent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.sql.Connection;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs every {@link EventHandler} of the service on its own consumer thread.
 *
 * <p>Per record: read the envelope (malformed → dead letter); pass over types the handler does not
 * apply (an unknown <em>version</em> of a type it does apply is a dead letter); then, in one
 * transaction, record the event id in {@code processed_event} and apply it — a redelivery finds
 * the id and changes nothing. Offsets are committed after the records' transactions, so a crash
 * redelivers at most a batch, which the inbox absorbs.
 */
@Context
public class EventConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumers.class);

    private final List<EventHandler> handlers;
    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerSettings settings;
    private final List<Worker> workers = new CopyOnWriteArrayList<>();
    private final MeterRegistry meterRegistry;

    public EventConsumers(List<EventHandler> handlers, KafkaClients clients, TopicBootstrap topics, Inbox inbox,
                          DeadLetters deadLetters, TransactionOperations<Connection> transactions,
                          ConsumerSettings settings, @Nullable MeterRegistry meterRegistry) {
        this.handlers = handlers;
        this.clients = clients;
        this.topics = topics;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.settings = settings;
        this.meterRegistry = meterRegistry;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.isEnabled()) {
            // Several consumers per handler share its group: Kafka gives each a share of the
            // partitions, so one aggregate's events stay in order while the database round trips
            // of different aggregates overlap.
            for (EventHandler handler : handlers) {
                for (int i = 0; i < settings.getConcurrency(); i++) {
                    start(handler, i);
                }
            }
        }
    }

    void start(EventHandler handler, int index) {
        Worker worker = new Worker(handler, index);
        workers.add(worker);
        worker.thread.start();
    }

    /** Whether every handler's consumer thread is alive (for the health endpoint). */
    public boolean allRunning() {
        return workers.stream().allMatch(w -> w.thread.isAlive());
    }

    @PreDestroy
    public void stop() {
        workers.forEach(Worker::shutdown);
        for (Worker w : workers) {
            try {
                w.thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
    }

    private final class Worker implements ConsumerRebalanceListener {
        private final EventHandler handler;
        private final Thread thread;
        private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        private volatile boolean running = true;
        private volatile Consumer<String, byte[]> consumer;

        private final int index;

        Worker(EventHandler handler, int index) {
            this.handler = handler;
            this.index = index;
            this.thread = new Thread(this::run, "consumer-" + handler.consumerName() + "-" + index);
            this.thread.setDaemon(true);
        }

        /** Not an interrupt: that would cut short the consumer's own close() and its final commit. */
        void shutdown() {
            synchronized (this) {
                running = false;
                notifyAll();
            }
            Consumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        private void run() {
            while (running) {
                try {
                    topics.ensureTopics();
                    break;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    LOG.warn("Topics not ready for {}: {}", handler.consumerName(), e.toString());
                    if (!pause(Duration.ofSeconds(2))) {
                        return;
                    }
                }
            }
            try (Consumer<String, byte[]> c = clients.newConsumer(handler.consumerName(), index);
                 KafkaClientMetrics metrics = bindMetrics(c)) {
                consumer = c;
                c.subscribe(handler.topics(), this);
                while (running) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<String, byte[]> record : records) {
                        if (!process(record)) {
                            break; // shutting down mid-record: leave it uncommitted for the next start
                        }
                        done.put(new TopicPartition(record.topic(), record.partition()),
                                new OffsetAndMetadata(record.offset() + 1));
                    }
                    commit(c);
                }
            } catch (WakeupException e) {
                // stop() asked us to leave poll()
            } catch (RuntimeException e) {
                LOG.error("Consumer {} stopped unexpectedly", handler.consumerName(), e);
            } finally {
                consumer = null;
            }
        }

        /** Consumer lag and fetch rates as Prometheus metrics ({@code kafka.consumer.*}). */
        private KafkaClientMetrics bindMetrics(Consumer<String, byte[]> c) {
            KafkaClientMetrics metrics = new KafkaClientMetrics(c, List.of(Tag.of("consumer", handler.consumerName()),
                    Tag.of("worker", Integer.toString(index))));
            if (meterRegistry != null) {
                metrics.bindTo(meterRegistry);
            }
            return metrics;
        }

        private void commit(Consumer<String, byte[]> c) {
            if (done.isEmpty()) {
                return;
            }
            try {
                c.commitSync(new HashMap<>(done));
            } catch (RuntimeException e) {
                // Safe to lose: the records are applied and the inbox absorbs their redelivery.
                LOG.warn("Offset commit for {} failed: {}", handler.consumerName(), e.toString());
            }
            done.clear();
        }

        /** @return false only when shutting down before the record was settled */
        private boolean process(ConsumerRecord<String, byte[]> record) {
            EventEnvelope event;
            try {
                event = EventEnvelope.fromRecord(record);
            } catch (RuntimeException e) {
                return park(record, e);
            }
            if (!handler.eventTypes().contains(event.type())) {
                boolean otherVersionOfOurs = EventTypes.withoutVersion(event.type())
                        .map(base -> handler.eventTypes().stream().anyMatch(t -> t.startsWith(base + ".v")))
                        .orElse(false);
                if (otherVersionOfOurs) {
                    return park(record, new UnknownSchemaVersionException(event.type()));
                }
                return true; // not an event this consumer reacts to
            }
            TraceParent trace = TraceParent.parse(EventEnvelope.header(record.headers(), TraceParent.HEADER))
                    .orElseGet(TraceParent::newRoot);
            TraceParent.enter(trace);
            MDC.put("trace_id", trace.traceId());
            MDC.put("clinic", event.clinicId());
            MDC.put("event_id", event.id());
            MDC.put("event_type", event.type());
            try {
                return applyWithRetries(record, event);
            } finally {
                TraceParent.clear();
                MDC.remove("trace_id");
                MDC.remove("clinic");
                MDC.remove("event_id");
                MDC.remove("event_type");
            }
        }

        private boolean applyWithRetries(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
            int attempt = 0;
            while (running) {
                try {
                    boolean applied = transactions.executeWrite(status -> {
                        if (inbox.firstDelivery(handler.consumerName(), event)) {
                            handler.apply(event);
                            return true;
                        }
                        return false;
                    });
                    // One line per event with the trace, clinic and event ids in the MDC: an operator
                    // follows one referral through every service's log by its trace id.
                    LOG.info("{} {} {}", applied ? "Applied" : "Already applied", event.type(), event.id());
                    return true;
                } catch (RuntimeException e) {
                    attempt++;
                    if (Failures.isPoison(e)) {
                        return park(record, e);
                    }
                    boolean transientFailure = Failures.isTransient(e);
                    if (!transientFailure && attempt >= settings.getMaxAttempts()) {
                        return park(record, e);
                    }
                    Duration backoff = backoff(attempt);
                    LOG.warn("Applying {} {} for clinic {} failed (attempt {}, {}), retrying in {} ms: {}",
                            event.type(), event.id(), event.clinicId(), attempt,
                            transientFailure ? "transient" : "unexpected", backoff.toMillis(), e.toString());
                    if (!pause(backoff)) {
                        return false;
                    }
                }
            }
            return false;
        }

        private boolean park(ConsumerRecord<String, byte[]> record, Throwable error) {
            int attempt = 0;
            while (running) {
                try {
                    deadLetters.park(handler.consumerName(), record, error);
                    // The error message may quote the payload; only its class goes to the log.
                    LOG.warn("Record {}-{}@{} sent to the dead-letter topic by {}: {}", record.topic(),
                            record.partition(), record.offset(), handler.consumerName(), error.getClass().getSimpleName());
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } catch (Exception e) {
                    attempt++;
                    LOG.warn("Dead-letter write failed (attempt {}): {}", attempt, e.toString());
                    if (!pause(backoff(attempt))) {
                        return false;
                    }
                }
            }
            return false;
        }

        private Duration backoff(int attempt) {
            long millis = settings.getInitialBackoff().toMillis() << Math.min(attempt - 1, 16);
            return Duration.ofMillis(Math.min(millis, settings.getMaxBackoff().toMillis()));
        }

        /** Waits out a backoff; returns at once, false, when the service is stopping. */
        private synchronized boolean pause(Duration d) {
            long until = System.nanoTime() + d.toNanos();
            try {
                while (running && System.nanoTime() < until) {
                    wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return running;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Consumer<String, byte[]> c = consumer;
            if (c != null) {
                commit(c);
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // positions come from committed offsets (or the earliest offset for a new group)
        }
    }

    /** A known event in a schema version this consumer was not built for. */
    public static class UnknownSchemaVersionException extends RuntimeException {
        UnknownSchemaVersionException(String type) {
            super("No consumer for schema version " + type);
        }
    }
}
