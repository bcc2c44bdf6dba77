package app.rapport.platform.outbox;

import app.rapport.platform.config.ServiceIdentity;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.kafka.TopicBootstrap;
import app.rapport.platform.observability.PipelineHealth;
import app.rapport.platform.observability.PipelineLoop;
import app.rapport.platform.observability.PipelineSettings;
import app.rapport.platform.observability.TraceParent;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 *
 * <p>The lock's connection is opened with the data source's URL and credentials but outside the
 * connection pool, so it can never be handed to a request while it holds the lock. It is checked
 * every second ({@code IS_USED_LOCK(...) = CONNECTION_ID()}): a lock lost with its connection
 * stops the relaying until the lock is taken again. On every failure and on shutdown the lock is
 * released and its connection closed. The relay runs as a {@link PipelineLoop}: if it dies it is
 * started again, and readiness is DOWN while it is dead or stuck.
 */
@Context
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** How often the leader makes sure its lock is still its own; another replica may take it only after a loss. */
    private static final Duration LEADER_CHECK = Duration.ofSeconds(1);
    private static final String LOCK = "CONCAT('rapport_outbox_', DATABASE())";
    private static final int LOCK_QUERY_TIMEOUT_SECONDS = 5;

    private final OutboxRepository repository;
    private final Producer<String, byte[]> producer;
    private final OutboxSignal signal;
    private final OutboxSettings settings;
    private final TopicBootstrap topics;
    private final String source;
    private final String lockUrl;
    private final Properties lockLogin = new Properties();
    private final PipelineLoop loop;
    private final Clock clock;

    /** The lock's own connection (outside the pool), kept open between attempts to take the lock. */
    private Connection lockConnection;
    private long lockConnectionId = -1;
    private volatile boolean leader;
    private Instant leaderCheckedAt = Instant.EPOCH;
    /** Test seam: runs between the broker's acknowledgement and the mark, to simulate a crash there. */
    volatile Runnable afterSendBeforeMark = () -> { };

    public OutboxRelay(OutboxRepository repository, Producer<String, byte[]> producer, OutboxSignal signal,
                       OutboxSettings settings, TopicBootstrap topics, Environment environment,
                       ServiceIdentity service, PipelineHealth health, PipelineSettings pipeline, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.producer = producer;
        this.signal = signal;
        this.settings = settings;
        this.topics = topics;
        this.source = service.eventSource();
        this.lockUrl = environment.getRequiredProperty("datasources.default.url", String.class);
        environment.getProperty("datasources.default.username", String.class).ifPresent(u -> lockLogin.setProperty("user", u));
        environment.getProperty("datasources.default.password", String.class).ifPresent(p -> lockLogin.setProperty("password", p));
        // Bounded waits: a database that stops answering fails the check instead of hanging the relay.
        lockLogin.setProperty("connectTimeout", "5000");
        lockLogin.setProperty("socketTimeout", "15000");
        lockLogin.setProperty("tcpKeepAlive", "true");
        this.loop = pipeline.loop("outbox-relay", l -> run());
        health.relay(loop);
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (settings.isRelayEnabled()) {
            start();
        }
    }

    public void start() {
        loop.start();
    }

    @PreDestroy
    public void stop() {
        loop.requestStop();
        loop.interrupt();
        loop.join(Duration.ofSeconds(10));
    }

    public boolean isRunning() {
        return loop.isRunning() && loop.state(Duration.ofDays(1)) != PipelineLoop.State.DEAD;
    }

    /** Whether this replica holds the outbox lock right now. */
    public boolean isLeader() {
        return leader;
    }

    /** The server's id of the lock's connection while this replica leads, else -1 (for tests and diagnosis). */
    synchronized long lockConnectionId() {
        return leader ? lockConnectionId : -1;
    }

    /** One life of the relay; whatever escapes it, the lock is released first and the loop starts it again. */
    private void run() throws InterruptedException {
        int failures = 0;
        try {
            while (loop.isRunning()) {
                try {
                    topics.ensureTopics();
                    if (!holdsLeadership()) {
                        loop.progress(); // another replica relays: nothing for this one to do
                        signal.await(settings.getPollInterval());
                        continue;
                    }
                    int relayed = relayBatch();
                    failures = 0;
                    loop.progress();
                    if (relayed < settings.getBatchSize()) {
                        signal.await(settings.getPollInterval());
                    }
                } catch (InterruptedException e) {
                    if (!loop.isRunning()) {
                        return;
                    }
                    throw e;
                } catch (Exception e) {
                    failures++;
                    long backoff = Math.min(MAX_BACKOFF.toMillis(), 100L << Math.min(failures, 6));
                    LOG.warn("Outbox relay failed (attempt {}), retrying in {} ms: {}", failures, backoff, e.toString());
                    releaseLeadership();
                    if (!loop.pause(Duration.ofMillis(backoff))) {
                        return;
                    }
                }
            }
        } finally {
            releaseLeadership();
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
            repository.markPublished(acknowledged, clock.instant());
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

    /**
     * One relay per database: a named lock held on a connection of its own while this replica relays.
     * The leader re-checks every {@link #LEADER_CHECK} that the lock is still its own; the others try
     * to take it on each poll, on the same connection they keep open for it.
     */
    private synchronized boolean holdsLeadership() throws SQLException {
        if (leader && Instant.now().isBefore(leaderCheckedAt.plus(LEADER_CHECK))) {
            return true;
        }
        try {
            if (lockConnection == null) {
                lockConnection = DriverManager.getConnection(lockUrl, lockLogin);
                lockConnectionId = queryLong(lockConnection, "SELECT CONNECTION_ID()");
            }
            if (leader) {
                if (queryLong(lockConnection, "SELECT IS_USED_LOCK(" + LOCK + ") = CONNECTION_ID()") == 1) {
                    leaderCheckedAt = Instant.now();
                    return true;
                }
                LOG.warn("This replica lost the outbox lock; it stops relaying until it holds the lock again");
                releaseLeadership();
                return false;
            }
            if (queryLong(lockConnection, "SELECT GET_LOCK(" + LOCK + ", 0)") == 1) {
                leader = true;
                loop.role("leader");
                leaderCheckedAt = Instant.now();
                LOG.info("This replica now relays the outbox");
                return true;
            }
            loop.role("standby"); // another replica holds the lock
            return false;
        } catch (SQLException e) {
            releaseLeadership(); // the connection is suspect: never keep relaying on a lock we cannot see
            throw e;
        }
    }

    /** Returns the first column of the only row, or -1 for SQL NULL (IS_USED_LOCK of a free lock). */
    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(LOCK_QUERY_TIMEOUT_SECONDS);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return -1;
                }
                long value = rs.getLong(1);
                return rs.wasNull() ? -1 : value;
            }
        }
    }

    /** Gives the lock back and closes its connection; on a dead connection the server has already let go. */
    private synchronized void releaseLeadership() {
        Connection connection = lockConnection;
        boolean wasLeader = leader;
        lockConnection = null;
        lockConnectionId = -1;
        leader = false;
        loop.role("standby");
        leaderCheckedAt = Instant.EPOCH;
        if (connection == null) {
            return;
        }
        if (wasLeader) {
            try {
                queryLong(connection, "SELECT RELEASE_LOCK(" + LOCK + ")");
            } catch (SQLException e) {
                LOG.debug("Releasing the outbox lock failed; closing its connection releases it", e);
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the relay's lock connection failed", e);
        }
    }
}
