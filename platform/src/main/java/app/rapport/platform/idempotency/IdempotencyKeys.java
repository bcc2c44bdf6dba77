package app.rapport.platform.idempotency;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * The service's own idempotency_key table. Every statement is guarded by the row's
 * {@code attempt}, so a request that lost its claim to a retry can no longer write its outcome.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface IdempotencyKeys extends GenericRepository<IdempotencyRecord, String> {

    /** 1 when this request claimed the key, 0 when a request with the same key got there first. */
    @Query("""
            INSERT IGNORE INTO idempotency_key (id, scope, route, idem_key, request_hash, attempt, effect_committed,
                claimed_at, created_at)
            VALUES (:id, :scope, :route, :idemKey, :requestHash, 1, FALSE, :now, :now)""")
    int claim(String id, String scope, String route, String idemKey, String requestHash, Instant now);

    Optional<IdempotencyRecord> findById(String id);

    /** Takes over a claim whose request vanished (its process died) before anything was committed. */
    @Query("""
            UPDATE idempotency_key SET attempt = attempt + 1, claimed_at = :now
            WHERE id = :id AND attempt = :attempt AND completed_at IS NULL AND effect_committed = FALSE
              AND claimed_at < :abandonedBefore""")
    int takeOver(String id, int attempt, Instant abandonedBefore, Instant now);

    /** Inside the handler's transaction: its effect and this mark commit together, or neither. */
    @Query("UPDATE idempotency_key SET effect_committed = TRUE WHERE id = :id AND attempt = :attempt AND completed_at IS NULL")
    int markEffect(String id, int attempt);

    @Query("""
            UPDATE idempotency_key SET completed_at = :now, response_status = :status, response_headers = :headers,
                response_body = :body
            WHERE id = :id AND attempt = :attempt AND completed_at IS NULL""")
    int complete(String id, int attempt, int status, String headers, @Nullable byte[] body, Instant now);

    /** Frees the key after a 5xx or an unknown outcome, unless the handler's effect was committed. */
    @Query("DELETE FROM idempotency_key WHERE id = :id AND attempt = :attempt AND completed_at IS NULL AND effect_committed = FALSE")
    int release(String id, int attempt);

    @Query("DELETE FROM idempotency_key WHERE created_at < :before LIMIT 5000")
    int deleteCreatedBefore(Instant before);

    @Query("SELECT COUNT(*) FROM idempotency_key WHERE scope = :scope")
    long countByScope(String scope);
}
