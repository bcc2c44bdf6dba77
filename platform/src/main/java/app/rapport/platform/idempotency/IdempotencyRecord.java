package app.rapport.platform.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** One claimed Idempotency-Key and, once the handler answered, the answer a retry gets. */
@MappedEntity("idempotency_key")
public record IdempotencyRecord(
        @Id String id,
        String scope,
        String route,
        String idemKey,
        String requestHash,
        int attempt,
        boolean effectCommitted,
        Instant claimedAt,
        @Nullable Instant completedAt,
        @Nullable Integer responseStatus,
        @Nullable String responseHeaders,
        @Nullable byte[] responseBody,
        Instant createdAt) {
}
