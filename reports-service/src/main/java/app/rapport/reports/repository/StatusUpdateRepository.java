package app.rapport.reports.repository;

import app.rapport.reports.domain.StatusUpdate;
import app.rapport.reports.domain.StatusUpdateKind;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface StatusUpdateRepository extends GenericRepository<StatusUpdate, String> {

    StatusUpdate save(StatusUpdate update);

    Optional<StatusUpdate> findById(String id);

    boolean existsByClinicIdAndReferralIdAndKind(String clinicId, String referralId, StatusUpdateKind kind);

    /** In the order of a referral's life: several moves can fall in the same second of {@code created_at}. */
    @Query(value = "SELECT * FROM status_update WHERE clinic_id = :clinicId AND referral_id = :referralId "
            + "ORDER BY FIELD(kind, 'ACCEPTED', 'SCHEDULED', 'FIRST_VISIT', 'DECLINED', 'COMPLETED'), created_at",
            nativeQuery = true)
    List<StatusUpdate> onReferral(String clinicId, String referralId);

    /** Pending ones, and ones claimed by a sender that stopped before it finished (a crash mid-delivery). */
    @Query(value = "SELECT * FROM status_update WHERE status = 'PENDING' OR (status = 'SENDING' AND claimed_at < :staleBefore) "
            + "ORDER BY created_at LIMIT 50", nativeQuery = true)
    List<StatusUpdate> due(Instant staleBefore);

    /** Takes it for this sender only if nobody else did: two replicas send it once. */
    @Query("UPDATE status_update SET status = 'SENDING', claimed_at = :now, updated_at = :now WHERE id = :id "
            + "AND (status = 'PENDING' OR (status = 'SENDING' AND claimed_at < :staleBefore))")
    long claim(String id, Instant now, Instant staleBefore);

    @Query("UPDATE status_update SET status = 'SENT', sent_at = :sentAt, updated_at = :sentAt, channel = :channel "
            + "WHERE id = :id AND status = 'SENDING'")
    long markSent(String id, Instant sentAt, String channel);

    @Query("UPDATE status_update SET status = :status, attempts = attempts + 1, last_error = :error, updated_at = :now, "
            + "claimed_at = NULL WHERE id = :id AND status = 'SENDING'")
    long markAttemptFailed(String id, String status, String error, Instant now);
}
