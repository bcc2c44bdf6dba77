package app.rapport.platform.outbox;

import app.rapport.platform.config.ServiceIdentity;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.kafka.TopicBootstrap;
import app.rapport.platform.observability.TraceParent;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Publishes outbox rows to Kafka in {@code seq} order and then marks them published.
 *
 * <p>At-least-once by construction: if the process dies after the broker acknowledged a row but
 * before the row was marked, the row is sent again on restart and consumers drop the duplicate by
 * its {@code ce_id}. Only one replica relays at a time (a MySQL named lock on a dedicated
 * connection), which keeps each aggregate's events in order across replicas.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration LEADER_CHECK = Duration.ofSeconds(5);

    private final OutboxRepository repository;
    private final Producer<String, byte[]> producer;
    private final OutboxSignal signal;
    private final OutboxSettings settings;
    private final TopicBootstrap topics;
    private final DataSource dataSource;
    private final String source;

    private volatile boolean running;
    private Thread thread;
    private Connection leaderConnection;
    private Instant leaderCheckedAt = Instant.EPOCH;
    /** Test seam: runs between the broker's acknowledgement and the mark, to simulate a crash there. */
    volatile Runnable afterSendBeforeMark = () -> { };

    public OutboxRelay(OutboxRepository repository, Producer<String, byte[]> producer, OutboxSignal signal,
                       OutboxSettings settings, TopicBootstrap topics, DataSource dataSource,
                       DataSourceResolver resolver, ServiceIdentity service) {
        this.repository = repository;
        this.producer = producer;
        this.signal = signal;
        this.settings = settings;
        this.topics = topics;
        this.dataSource = resolver.resolve(dataSource);
        this.source = service.eventSource();
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.isRelayEnabled()) {
            start();
        }
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @PreDestroy
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        releaseLeadership();
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                topics.ensureTopics();
                if (!holdsLeadership()) {
                    signal.await(settings.getPollInterval());
                    continue;
                }
                int relayed = relayBatch();
                failures = 0;
                if (relayed < settings.getBatchSize()) {
                    signal.await(settings.getPollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures++;
                long backoff = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures, 6));
                LOG.warn("Outbox relay failed (attempt {}), retrying in {} ms: {}", failures, backoff, e.toString());
                releaseLeadership();
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends one batch in order, waits for every acknowledgement, marks what was acknowledged. */
    int relayBatch() throws InterruptedException {
        List<OutboxEvent> batch = repository.findUnpublished(settings.getBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (OutboxEvent row : batch) {
            sent.add(producer.send(toEnvelope(row).toRecord(row.topic(), traceHeaders(row))));
        }
        List<Long> acknowledged = new ArrayList<>(batch.size());
        RuntimeException failure = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                sent.get(i).get();
                acknowledged.add(batch.get(i).seq());
            } catch (ExecutionException e) {
                // Stop at the first failure: later rows are marked only after they are acknowledged in order.
                failure = new IllegalStateException("Broker refused outbox event " + batch.get(i).id(), e.getCause());
                break;
            }
        }
        afterSendBeforeMark.run();
        if (!acknowledged.isEmpty()) {
            repository.markPublished(acknowledged, Instant.now());
        }
        if (failure != null) {
            throw failure;
        }
        return batch.size();
    }

    private EventEnvelope toEnvelope(OutboxEvent row) {
        return new EventEnvelope(row.id(), row.type(), source, row.createdAt(), row.aggregateId(),
                row.clinicId(), row.payload());
    }

    private static Map<String, String> traceHeaders(OutboxEvent row) {
        return row.traceParent() == null ? Map.of() : Map.of(TraceParent.HEADER, row.traceParent());
    }

    /** One relay per database: a named lock held on a connection of its own while this replica relays. */
    private boolean holdsLeadership() throws SQLException {
        if (leaderConnection != null && Instant.now().isBefore(leaderCheckedAt.plus(LEADER_CHECK))) {
            return true;
        }
        leaderCheckedAt = Instant.now();
        if (leaderConnection != null) {
            if (leaderConnection.isValid(2)) {
                return true;
            }
            releaseLeadership();
        }
        Connection connection = dataSource.getConnection();
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT GET_LOCK(CONCAT('rapport_outbox_', DATABASE()), 0)");
             ResultSet rs = lock.executeQuery()) {
            if (rs.next() && rs.getInt(1) == 1) {
                leaderConnection = connection;
                LOG.info("This replica now relays the outbox");
                return true;
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return false;
    }

    private void releaseLeadership() {
        Connection connection = leaderConnection;
        leaderConnection = null;
        leaderCheckedAt = Instant.EPOCH;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing the relay's lock connection failed", e);
            }
        }
    }
}
