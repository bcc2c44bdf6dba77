package app.rapport.platform.outbox;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.platform.observability.TraceParent;
import app.rapport.platform.tenancy.ClinicIds;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.UUID;

/**
 * Records an event in the same transaction as the business change that caused it. The relay
 * publishes it after the commit; if the transaction rolls back, the event never existed.
 */
@Singleton
public class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final OutboxRepository repository;
    private final JsonMapper json;
    private final OutboxSignal signal;
    private final TransactionOperations<Connection> transactions;
    private final IdempotentEffects idempotentEffects;

    public Outbox(OutboxRepository repository, JsonMapper json, OutboxSignal signal,
                  TransactionOperations<Connection> transactions, IdempotentEffects idempotentEffects) {
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
        ClinicIds.requireValid(clinicId);
        // A change that tells others about itself is an effect: a retry of its request must not repeat it.
        idempotentEffects.noteInCurrentTransaction();
        String id = UUID.randomUUID().toString();
        TraceParent trace = TraceParent.current();
        repository.save(new OutboxEvent(null, id, clinicId, aggregateType, aggregateId,
                EventTypes.topicOf(type), type, toJson(payload), trace.toString(), Instant.now(), null));
        LOG.info("Recorded {} {} for {} {} in clinic {} (trace {})", type, id, aggregateType, aggregateId, clinicId,
                trace.traceId());
        transactions.findTransactionStatus().ifPresent(status ->
                status.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        signal.wake();
                    }
                }));
        return id;
    }

    private String toJson(Object payload) {
        try {
            return new String(json.writeValueAsBytes(payload), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise event payload " + payload.getClass().getSimpleName(), e);
        }
    }
}
