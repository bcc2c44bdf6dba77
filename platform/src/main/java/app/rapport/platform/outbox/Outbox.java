package app.rapport.platform.outbox;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.platform.inbox.BatchMemo;
import app.rapport.platform.observability.TraceParent;
import app.rapport.platform.persistence.AfterCommit;
import app.rapport.platform.tenancy.ClinicIds;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Records an event in the same transaction as the business change that caused it. The relay
 * publishes it after the commit; if the transaction rolls back, the event never existed.
 */
@Singleton
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /**
     * A batch of 500 events' rows stays well under the server's packet limit and the 65,535
     * placeholders of a prepared statement in chunks of this size.
     */
    public static final int ROWS_PER_INSERT = 100;

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final OutboxSignal signal;
    private final TransactionOperations<Connection> transactions;
    private final IdempotentEffects idempotentEffects;
    private final Clock clock;

    public Outbox(OutboxRepository repository, JsonMapper json, OutboxSignal signal,
                  TransactionOperations<Connection> transactions, IdempotentEffects idempotentEffects, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.json = json;
        this.signal = signal;
        this.transactions = transactions;
        this.idempotentEffects = idempotentEffects;
    }

    /**
     * @param clinicId      the clinic the change belongs to
     * @param aggregateType e.g. {@code Referral}
     * @param aggregateId   the record key: one aggregate's events stay in order
     * @param type          an {@link EventTypes} constant; it decides the topic
     * @param payload       a {@code @Serdeable} record
     * @return the event id ({@code ce_id})
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public String record(String clinicId, String aggregateType, String aggregateId, String type, Object payload) {
        return record(List.of(new Event(clinicId, aggregateType, aggregateId, type, payload))).get(0);
    }

    /**
     * One change that tells several topics about itself (a received referral: its event and, on the
     * patients' topic, who the patient is) writes its rows in one multi-row INSERT, one round trip,
     * in the order given; the relay publishes them in that order.
     *
     * @return the event ids ({@code ce_id}), in the order of {@code events}
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<String> record(List<Event> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        events.forEach(event -> ClinicIds.requireValid(event.clinicId()));
        // A change that tells others about itself is an effect: a retry of its request must not repeat it.
        idempotentEffects.noteInCurrentTransaction();
        TraceParent trace = TraceParent.current();
        Timestamp now = Timestamp.from(clock.instant());
        List<String> ids = new ArrayList<>(events.size());
        List<Row> rows = new ArrayList<>(events.size());
        for (Event event : events) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            rows.add(new Row(id, event.clinicId(), event.aggregateType(), event.aggregateId(),
                    EventTypes.topicOf(event.type()), event.type(), toJson(event.payload()), trace.toString(), now));
        }
        // In a consumer's batch the rows of all its events go in together when the batch is applied
        // (nothing in the transaction reads its own outbox rows back); elsewhere they go in now.
        BatchMemo.pending(Outbox.class, () -> new ArrayList<Row>(), this::insert)
                .ifPresentOrElse(pending -> pending.addAll(rows), () -> insert(rows));
        if (LOG.isDebugEnabled()) {
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                LOG.debug("Recorded {} {} for {} {} in clinic {} (trace {})", event.type(), ids.get(i),
                        event.aggregateType(), event.aggregateId(), event.clinicId(), trace.traceId());
            }
        }
        AfterCommit.run(transactions, signal::wake);
        return ids;
    }

    /** Rows in multi-row INSERTs of at most {@link #ROWS_PER_INSERT}, in the order given: the relay publishes in that order. */
    private void insert(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO outbox_event (id, clinic_id, aggregate_type, aggregate_id,"
                    + " topic, type, payload, trace_parent, created_at) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement insert = transactions.getConnection().prepareStatement(sql.toString())) {
                int p = 0;
                for (Row row : chunk) {
                    insert.setString(++p, row.id());
                    insert.setString(++p, row.clinicId());
                    insert.setString(++p, row.aggregateType());
                    insert.setString(++p, row.aggregateId());
                    insert.setString(++p, row.topic());
                    insert.setString(++p, row.type());
                    insert.setString(++p, row.payload());
                    insert.setString(++p, row.traceParent());
                    insert.setTimestamp(++p, row.createdAt());
                }
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new OutboxUnavailableException(e);
            }
        }
    }

    /** An outbox row as written. */
    private record Row(String id, String clinicId, String aggregateType, String aggregateId, String topic, String type,
                       String payload, String traceParent, Timestamp createdAt) {
    }

    /**
     * One event to record.
     *
     * @param clinicId      the clinic the change belongs to
     * @param aggregateType e.g. {@code Referral}
     * @param aggregateId   the record key: one aggregate's events stay in order
     * @param type          an {@link EventTypes} constant; it decides the topic
     * @param payload       a {@code @Serdeable} record
     */
    public record Event(String clinicId, String aggregateType, String aggregateId, String type, Object payload) {
    }

    /** The outbox row could not be written; the transaction rolls back with the change. */
    public static final class OutboxUnavailableException extends RuntimeException {
        OutboxUnavailableException(SQLException cause) {
            super("Could not record events in the outbox: " + cause.getMessage(), cause);
        }
    }

    private String toJson(Object payload) {
        try {
            return new String(json.writeValueAsBytes(payload), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise event payload " + payload.getClass().getSimpleName(), e);
        }
    }
}
