package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.kafka.KafkaClients;
import app.rapport.platform.kafka.KafkaSettings;
import app.rapport.platform.kafka.TopicBootstrap;
import app.rapport.platform.observability.PipelineHealth;
import app.rapport.platform.observability.PipelineLoop;
import app.rapport.platform.observability.PipelineSettings;
import app.rapport.platform.observability.TraceParent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
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

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs every {@link EventHandler} of the service on its own consumer thread.
 *
 * <p>Per record: read the envelope (malformed → dead letter); pass over types the handler does not
 * apply (an unknown <em>version</em> of a type it does apply is a dead letter); read the payload
 * into the handler's record once (does not fit → dead letter); then, in one transaction, record
 * the event id in {@code processed_event} and apply it — a redelivery finds the id and changes
 * nothing. A poll's applicable records share one transaction ({@link EventHandler#applyAll}).
 * Offsets are committed after the records' transactions, so a crash redelivers at most a batch,
 * which the inbox absorbs.
 *
 * <p>Each consumer runs as a {@link PipelineLoop}: if anything escapes it (an {@link Error}
 * included) its consumer is closed and a new one joins the group after a backoff, resuming from
 * the last committed offset; readiness is DOWN meanwhile ({@link PipelineHealth}).
 */
@Context
public class EventConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumers.class);

    private final List<EventHandler<?>> handlers;
    private final KafkaClients clients;
    private final TopicBootstrap topics;
    private final Inbox inbox;
    private final EventPayloads payloads;
    private final DeadLetters deadLetters;
    private final TransactionOperations<Connection> transactions;
    private final ConsumerSettings settings;
    private final List<Worker<?>> workers = new CopyOnWriteArrayList<>();
    private final MeterRegistry meterRegistry;
    private final PipelineHealth health;
    private final PipelineSettings pipeline;
    private final Duration deadLetterTimeout;
    /** Events that already had their injected fault (test-only hook, see {@link ConsumerSettings#getTestFaultMarker()}). */
    private final Set<String> faulted = ConcurrentHashMap.newKeySet();
    /**
     * Test seam: runs inside a poll batch's transaction after its records were applied, before the
     * commit. Throwing here rolls the whole batch back, as a failure of its last statement would.
     */
    public volatile java.util.function.Consumer<List<EventEnvelope>> beforeBatchCommit = events -> { };

    public EventConsumers(List<EventHandler<?>> handlers, KafkaClients clients, TopicBootstrap topics, Inbox inbox,
                          EventPayloads payloads,
                          DeadLetters deadLetters, TransactionOperations<Connection> transactions,
                          ConsumerSettings settings, @Nullable MeterRegistry meterRegistry,
                          PipelineHealth health, PipelineSettings pipeline, KafkaSettings kafka) {
        this.handlers = handlers;
        this.clients = clients;
        this.topics = topics;
        this.inbox = inbox;
        this.payloads = payloads;
        this.deadLetters = deadLetters;
        this.transactions = transactions;
        this.settings = settings;
        this.meterRegistry = meterRegistry;
        this.health = health;
        this.pipeline = pipeline;
        // The producer gives up on a record after its delivery timeout; wait a little longer for its answer.
        this.deadLetterTimeout = kafka.getDeliveryTimeout().plusSeconds(5);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.isEnabled()) {
            // Several consumers per handler share its group: Kafka gives each a share of the
            // partitions, so one aggregate's events stay in order while the database round trips
            // of different aggregates overlap.
            for (EventHandler<?> handler : handlers) {
                for (int i = 0; i < settings.getConcurrency(); i++) {
                    start(handler, i);
                }
            }
        }
    }

    <P> void start(EventHandler<P> handler, int index) {
        Worker<P> worker = new Worker<>(handler, index);
        workers.add(worker);
        worker.loop.start();
    }

    @PreDestroy
    public void stop() {
        workers.forEach(Worker::shutdown);
        for (Worker<?> w : workers) {
            w.loop.join(Duration.ofSeconds(10));
            health.forget(w.loop);
        }
        workers.clear();
    }

    private final class Worker<P> implements ConsumerRebalanceListener {
        private final EventHandler<P> handler;
        /** Read once: a handler may build its map on each call, and this is asked for every record. */
        private final Map<String, Class<? extends P>> payloadTypes;
        private final PipelineLoop loop;
        private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        private volatile Consumer<String, byte[]> consumer;
        private final Summary summary;

        private final int index;

        Worker(EventHandler<P> handler, int index) {
            this.handler = handler;
            this.payloadTypes = Map.copyOf(handler.payloadTypes());
            this.index = index;
            this.loop = pipeline.loop("consumer-" + handler.consumerName() + "-" + index, l -> run());
            this.summary = new Summary(loop.name(), settings.getSummaryEvery());
            health.consumer(loop, handler.consumerName(), index);
        }

        /** Not an interrupt: that would cut short the consumer's own close() and its final commit. */
        void shutdown() {
            loop.requestStop();
            Consumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        /** One life of the consumer; whatever it throws, {@link PipelineLoop} starts a new one. */
        private void run() throws InterruptedException {
            done.clear(); // offsets of a consumer that died are not ours to commit: the new one resumes from the last commit
            health.waitingForPartitions(loop);
            while (loop.isRunning()) {
                try {
                    topics.ensureTopics();
                    break;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.warn("Topics not ready for {}: {}", handler.consumerName(), e.toString());
                    if (!pause(Duration.ofSeconds(2))) {
                        return;
                    }
                }
                loop.progress(); // waiting for the broker is not being stuck; readiness shows the broker itself
            }
            try (Consumer<String, byte[]> c = clients.newConsumer(handler.consumerName(), index,
                    settings.getBatchSize());
                 KafkaClientMetrics metrics = bindMetrics(c)) {
                consumer = c;
                c.subscribe(handler.topics(), this);
                while (loop.isRunning()) {
                    ConsumerRecords<String, byte[]> records = c.poll(Duration.ofMillis(500));
                    loop.progress();
                    if (!records.isEmpty()) {
                        processBatch(records);
                    }
                    commit(c);
                    summary.maybeLog();
                }
            } catch (WakeupException e) {
                if (loop.isRunning()) {
                    throw e; // nobody asked us to leave poll(): let the loop start a fresh consumer
                }
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

        /**
         * Applies a poll's records: those that can be applied go through in one transaction (one
         * commit for the whole poll instead of one per record). If that transaction fails for any
         * reason it is rolled back as a whole and its records are applied again one by one, each in
         * its own transaction under the usual retry and dead-letter rules, so only a record that is
         * itself at fault is parked. Offsets are marked done only after the records' commit.
         */
        private void processBatch(ConsumerRecords<String, byte[]> records) {
            List<ConsumerRecord<String, byte[]>> applicable = new ArrayList<>();
            List<InboundEvent<P>> events = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                EventEnvelope event;
                try {
                    event = EventEnvelope.fromRecord(record);
                } catch (RuntimeException e) {
                    event = null;
                    if (!flush(applicable, events) || !park(record, e)) {
                        return;
                    }
                }
                if (event != null) {
                    Settle settle = sort(record, event);
                    if (settle == Settle.APPLY) {
                        InboundEvent<P> inbound;
                        try {
                            inbound = read(record, event);
                        } catch (PoisonEventException e) {
                            if (!flush(applicable, events) || !park(record, e)) {
                                return;
                            }
                            markDone(record);
                            continue;
                        }
                        applicable.add(record);
                        events.add(inbound);
                        continue;
                    }
                    // A record parked or passed over ends the run of applicable records before it,
                    // so offsets are only ever marked done in the order of the partition.
                    if (!flush(applicable, events)) {
                        return;
                    }
                    if (settle == Settle.PARK_UNKNOWN_VERSION
                            && !park(record, new UnknownSchemaVersionException(event.type()))) {
                        return;
                    }
                }
                markDone(record);
            }
            flush(applicable, events);
        }

        private enum Settle { APPLY, PASS_OVER, PARK_UNKNOWN_VERSION }

        /** The payload read once, into the record the handler names for the type; one that does not fit is poison. */
        private InboundEvent<P> read(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
            P payload = payloads.read(event, payloadTypes.get(event.type()));
            return new InboundEvent<>(event, payload, EventEnvelope.header(record.headers(), TraceParent.HEADER));
        }

        private Settle sort(ConsumerRecord<String, byte[]> record, EventEnvelope event) {
            if (payloadTypes.containsKey(event.type())) {
                injectFault(event);
                return Settle.APPLY;
            }
            boolean otherVersionOfOurs = EventTypes.withoutVersion(event.type())
                    .map(base -> payloadTypes.keySet().stream().anyMatch(t -> t.startsWith(base + ".v")))
                    .orElse(false);
            return otherVersionOfOurs ? Settle.PARK_UNKNOWN_VERSION : Settle.PASS_OVER;
        }

        /**
         * Applies the collected run of records and empties it.
         *
         * @return false only when shutting down before every record was settled
         */
        private boolean flush(List<ConsumerRecord<String, byte[]>> records, List<InboundEvent<P>> events) {
            if (records.isEmpty()) {
                return true;
            }
            try {
                if (records.size() > 1 && applyTogether(events)) {
                    records.forEach(this::markDone);
                    return true;
                }
                for (int i = 0; i < records.size(); i++) {
                    if (!process(records.get(i), events.get(i))) {
                        return false; // shutting down mid-batch: the rest stays uncommitted for the next start
                    }
                    markDone(records.get(i));
                    loop.progress();
                }
                return true;
            } finally {
                records.clear();
                events.clear();
            }
        }

        /** @return true when every event of the run was applied (or found applied) in one commit */
        private boolean applyTogether(List<InboundEvent<P>> events) {
            try {
                int applied = transactions.executeWrite(status -> BatchMemo.during(() -> {
                    List<InboundEvent<P>> fresh = inbox.firstDeliveries(handler.consumerName(), events);
                    if (!fresh.isEmpty()) {
                        EventBatch<P> batch = new EventBatch<>(fresh);
                        handler.applyAll(batch);
                        if (LOG.isDebugEnabled()) { // with each event's trace in the MDC; committed with its batch, or replayed alone
                            batch.forEach(e -> LOG.debug("Applied {} {} in a batch of {}", e.type(), e.id(), events.size()));
                        }
                    }
                    beforeBatchCommit.accept(events.stream().map(InboundEvent::envelope).toList());
                    return fresh.size();
                }));
                summary.add(applied, events.size() - applied);
                loop.progress();
                return true;
            } catch (RuntimeException e) {
                // An Error is not caught: like a crash, it kills the consumer before the commit and the
                // restarted one polls the records again. Which record failed, and whether it would fail again, is for the one-by-one replay to find out.
                LOG.debug("Batch of {} for {} rolled back ({}); applying its records one by one", events.size(),
                        handler.consumerName(), Failures.describe(e));
                summary.replayed++;
                return false;
            }
        }

        private void markDone(ConsumerRecord<String, byte[]> record) {
            done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }

        /** @return false only when shutting down before the record was settled */
        private boolean process(ConsumerRecord<String, byte[]> record, InboundEvent<P> event) {
            return EventTrail.within(event, () -> applyWithRetries(record, event));
        }

        /** Test-only: the consumer thread dies once per event that carries the configured marker. */
        private void injectFault(EventEnvelope event) {
            String marker = settings.getTestFaultMarker();
            if (marker != null && !marker.isEmpty() && event.payload() != null && event.payload().contains(marker)
                    && faulted.add(event.id())) {
                throw new InjectedFault("Test fault injected for event " + event.id());
            }
        }

        private boolean applyWithRetries(ConsumerRecord<String, byte[]> record, InboundEvent<P> event) {
            int attempt = 0;
            while (loop.isRunning()) {
                try {
                    boolean applied = transactions.executeWrite(status -> BatchMemo.during(() -> {
                        if (inbox.firstDelivery(handler.consumerName(), event.envelope())) {
                            handler.apply(event);
                            return true;
                        }
                        return false;
                    }));
                    // No line per event (the hot path): the summary counts it; DEBUG shows each one.
                    LOG.debug("{} {} {}", applied ? "Applied" : "Already applied", event.type(), event.id());
                    summary.add(applied ? 1 : 0, applied ? 0 : 1);
                    return true;
                } catch (RuntimeException e) {
                    attempt++;
                    if (Failures.isPoison(e)) {
                        return park(record, e);
                    }
                    // Transient: the database or broker is away and the record is fine, so it waits for
                    // as long as it takes (readiness turns DOWN if that is long). Anything else, a
                    // deterministic SQL error included, gets a bounded number of attempts.
                    boolean transientFailure = Failures.isTransient(e);
                    if (!transientFailure && attempt >= settings.getMaxAttempts()) {
                        return park(record, e);
                    }
                    Duration backoff = backoff(attempt);
                    LOG.warn("Applying {} {} for clinic {} failed (attempt {}, {}), retrying in {} ms: {}",
                            event.type(), event.id(), event.clinicId(), attempt,
                            transientFailure ? "transient" : Failures.isDeterministic(e) ? "deterministic" : "unexpected",
                            backoff.toMillis(), Failures.describe(e));
                    if (!pause(backoff)) {
                        return false;
                    }
                }
            }
            return false;
        }

        /**
         * Writes the dead letter, retrying a failed write with bounded backoff for as long as the
         * service runs: the record's offset is not committed past until its dead letter exists.
         * Meanwhile readiness is DOWN and {@code rapport_dead_letter_write_failures_total} counts.
         */
        private boolean park(ConsumerRecord<String, byte[]> record, Throwable error) {
            int attempt = 0;
            while (loop.isRunning()) {
                try {
                    deadLetters.park(handler.consumerName(), record, error, deadLetterTimeout);
                    // The error message may quote the payload; only its class goes to the log.
                    LOG.warn("Record {}-{}@{} sent to the dead-letter topic by {}: {}", record.topic(),
                            record.partition(), record.offset(), handler.consumerName(), error.getClass().getSimpleName());
                    return true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    deadLetters.abandon(handler.consumerName(), record);
                    return false;
                } catch (Exception e) {
                    attempt++;
                    LOG.warn("Dead-letter write for {}-{}@{} failed (attempt {}): {}", record.topic(), record.partition(),
                            record.offset(), attempt, e.toString());
                    if (!pause(backoff(attempt))) {
                        deadLetters.abandon(handler.consumerName(), record);
                        return false;
                    }
                }
            }
            deadLetters.abandon(handler.consumerName(), record);
            return false;
        }

        private Duration backoff(int attempt) {
            long millis = settings.getInitialBackoff().toMillis() << Math.min(attempt - 1, 16);
            return Duration.ofMillis(Math.min(millis, settings.getMaxBackoff().toMillis()));
        }

        /** Waits out a backoff; returns at once, false, when the service is stopping. */
        private boolean pause(Duration d) {
            return loop.pause(d);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            Consumer<String, byte[]> c = consumer;
            if (c != null) {
                commit(c);
                Set<TopicPartition> kept = new java.util.HashSet<>(c.assignment());
                kept.removeAll(partitions);
                health.partitionsHeld(loop, kept.size());
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // Positions come from committed offsets (or the earliest offset for a new group). The
            // group protocol calls this once a member's first assignment is known, even an empty
            // one, and then with each partition added; assignment() is the whole share.
            Consumer<String, byte[]> c = consumer;
            health.partitionsHeld(loop, c != null ? c.assignment().size() : partitions.size());
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            // Another member may own them already: committing our offsets for them could move theirs back.
            done.keySet().removeAll(partitions);
        }
    }

    /**
     * What a consumer applied, logged at most once per interval instead of a line per event: the
     * hot path stays quiet, and an operator still sees that events flow and how many batches had
     * to be replayed one by one.
     */
    private static final class Summary {
        private final String name;
        private final long everyNanos;
        private long since = System.nanoTime();
        private long applied;
        private long alreadyApplied;
        private long replayed;

        Summary(String name, Duration every) {
            this.name = name;
            this.everyNanos = every.toNanos();
        }

        void add(int applied, int alreadyApplied) {
            this.applied += applied;
            this.alreadyApplied += alreadyApplied;
        }

        void maybeLog() {
            long now = System.nanoTime();
            if (now - since < everyNanos) {
                return;
            }
            if (applied + alreadyApplied + replayed > 0) {
                LOG.info("{}: applied {} event(s), {} already applied, {} batch(es) replayed one by one in the last {} s",
                        name, applied, alreadyApplied, replayed, Duration.ofNanos(now - since).toSeconds());
            }
            since = now;
            applied = 0;
            alreadyApplied = 0;
            replayed = 0;
        }
    }

    /** Thrown by the test-only fault hook: an Error, as a real thread-killing failure would be. */
    static final class InjectedFault extends Error {
        InjectedFault(String message) {
            super(message);
        }
    }

    /** A known event in a schema version this consumer was not built for. */
    public static class UnknownSchemaVersionException extends RuntimeException {
        UnknownSchemaVersionException(String type) {
            super("No consumer for schema version " + type);
        }
    }
}
