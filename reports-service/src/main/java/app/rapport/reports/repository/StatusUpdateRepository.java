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

    /**
     * Pending ones. One claimed by a sender that stopped mid-delivery is not among them: the
     * recovery step flags it DELIVERY_UNCONFIRMED rather than sending it again unseen (ADR 0407).
     */
    @Query(value = "SELECT * FROM status_update WHERE status = 'PENDING' ORDER BY created_at LIMIT 50", nativeQuery = true)
    List<StatusUpdate> due();

    /** Takes it for this sender only if nobody else did: two replicas send it once. */
    @Query("UPDATE status_update SET status = 'SENDING', claimed_at = :now, updated_at = :now, channel = :channel "
            + "WHERE id = :id AND status = 'PENDING'")
    long claim(String id, Instant now, String channel);

    /** SENT by the sender that delivered it, also when the recovery step flagged it meanwhile. */
    @Query("UPDATE status_update SET status = 'SENT', sent_at = :sentAt, updated_at = :sentAt "
            + "WHERE id = :id AND status IN ('SENDING', 'DELIVERY_UNCONFIRMED')")
    long markSent(String id, Instant sentAt);

    @Query("UPDATE status_update SET status = 'DELIVERY_UNCONFIRMED', last_error = :error, updated_at = :now "
            + "WHERE id = :id AND status = 'SENDING'")
    long markUnconfirmed(String id, String error, Instant now);

    /** Staff send it again deliberately: the next sender run takes it. */
    @Query("UPDATE status_update SET status = 'PENDING', claimed_at = NULL, updated_at = :now "
            + "WHERE id = :id AND status = 'DELIVERY_UNCONFIRMED'")
    long sendAgain(String id, Instant now);

    /** The recovery step: claims older than {@code staleBefore} belong to a sender that stopped. */
    @Query("UPDATE status_update SET status = 'DELIVERY_UNCONFIRMED', updated_at = :now "
            + "WHERE status = 'SENDING' AND claimed_at < :staleBefore")
    long flagUnconfirmed(Instant staleBefore, Instant now);

    /** From SENDING (a refused delivery) or PENDING (nothing to deliver yet: the referrer is not known here). */
    @Query("UPDATE status_update SET status = :status, attempts = attempts + 1, last_error = :error, updated_at = :now, "
            + "claimed_at = NULL WHERE id = :id AND status IN ('PENDING', 'SENDING')")
    long markAttemptFailed(String id, String status, String error, Instant now);
}
