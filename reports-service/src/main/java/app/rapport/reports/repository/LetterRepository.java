package app.rapport.reports.repository;

import app.rapport.reports.domain.Letter;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface LetterRepository extends GenericRepository<Letter, String> {

    Letter save(Letter letter);

    Optional<Letter> findByIdAndClinicId(String id, String clinicId);

    /** The row, locked until the transaction ends: a send decides on it as committed now. */
    @Query(value = "SELECT * FROM letter WHERE id = :id AND clinic_id = :clinicId FOR UPDATE", nativeQuery = true)
    Optional<Letter> lock(String id, String clinicId);

    List<Letter> findByClinicIdAndReferralIdOrderByCreatedAt(String clinicId, String referralId);

    /** Claims it for one send (SENDING), only from the status and version that send read. */
    @Query("UPDATE letter SET status = 'SENDING', sending_since = :now, updated_at = :now, sent_channel = :channel, "
            + "consent_id = :consentId, version = version + 1 WHERE id = :id AND clinic_id = :clinicId "
            + "AND status = :from AND version = :version")
    long claim(String id, String clinicId, String from, long version, Instant now, String channel, String consentId);

    /**
     * SENT, by the sender that delivered it (also when the recovery step flagged it meanwhile: this
     * sender knows it arrived) or by staff confirming an unconfirmed delivery.
     */
    @Query("UPDATE letter SET status = 'SENT', sent_at = :now, updated_at = :now, sending_since = NULL, "
            + "version = version + 1 WHERE id = :id AND status IN ('SENDING', 'DELIVERY_UNCONFIRMED')")
    long markSent(String id, Instant now);

    /** It certainly did not leave: back to the unsent status it was claimed from. */
    @Query("UPDATE letter SET status = :to, updated_at = :now, sending_since = NULL, sent_channel = NULL, "
            + "consent_id = NULL, version = version + 1 WHERE id = :id AND status = 'SENDING'")
    long release(String id, String to, Instant now);

    /** It may have left (or, sent again, may have left the first time): for staff to confirm or send again. */
    @Query("UPDATE letter SET status = 'DELIVERY_UNCONFIRMED', updated_at = :now, version = version + 1 "
            + "WHERE id = :id AND status = 'SENDING'")
    long markUnconfirmed(String id, Instant now);

    /** The recovery step: claims older than {@code staleBefore} belong to a sender that stopped. */
    @Query("UPDATE letter SET status = 'DELIVERY_UNCONFIRMED', updated_at = :now, version = version + 1 "
            + "WHERE status = 'SENDING' AND sending_since < :staleBefore")
    long flagUnconfirmed(Instant staleBefore, Instant now);
}
