package app.rapport.platform.outbox;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The outbox spans every clinic by design: it is infrastructure, read only by the relay. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface OutboxRepository extends GenericRepository<OutboxEvent, Long> {

    OutboxEvent save(OutboxEvent event);

    @Query("SELECT * FROM outbox_event WHERE published_at IS NULL ORDER BY seq LIMIT :limit")
    List<OutboxEvent> findUnpublished(int limit);

    @Query("UPDATE outbox_event SET published_at = :publishedAt WHERE seq IN (:seqs)")
    void markPublished(List<Long> seqs, Instant publishedAt);

    @Query("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL")
    long countUnpublished();

    @Query("SELECT MIN(created_at) FROM outbox_event WHERE published_at IS NULL")
    Optional<Instant> oldestUnpublishedAt();

    @Query("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :before LIMIT 5000")
    int deletePublishedBefore(Instant before);

    /** Relayed rows of these topics only; a row not yet relayed is never deleted. */
    @Query("DELETE FROM outbox_event WHERE published_at IS NOT NULL AND published_at < :before AND topic IN (:topics) LIMIT 5000")
    int deletePublishedOnTopicsBefore(Collection<String> topics, Instant before);
}
