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

    Letter update(Letter letter);

    Optional<Letter> findByIdAndClinicId(String id, String clinicId);

    List<Letter> findByClinicIdAndReferralIdOrderByCreatedAt(String clinicId, String referralId);

    /** Sets SENT only if nobody sent it meanwhile: two clicks on "send" disclose once. */
    @Query("UPDATE letter SET status = 'SENT', sent_at = :sentAt, updated_at = :sentAt, sent_channel = :channel, "
            + "consent_id = :consentId WHERE id = :id AND clinic_id = :clinicId AND status <> 'SENT'")
    long markSent(String id, String clinicId, Instant sentAt, String channel, String consentId);
}
