package app.rapport.platform.outbox;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One event waiting in (or already relayed from) the outbox table. */
@MappedEntity("outbox_event")
public record OutboxEvent(
        @Id @GeneratedValue @Nullable Long seq,
        String id,
        String clinicId,
        String aggregateType,
        String aggregateId,
        String topic,
        String type,
        String payload,
        @Nullable String traceParent,
        Instant createdAt,
        @Nullable Instant publishedAt) {
}
