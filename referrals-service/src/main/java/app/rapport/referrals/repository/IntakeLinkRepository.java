package app.rapport.referrals.repository;

import app.rapport.referrals.domain.IntakeLink;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface IntakeLinkRepository extends GenericRepository<IntakeLink, String> {

    IntakeLink save(IntakeLink link);

    Optional<IntakeLink> findByIdAndClinicId(String id, String clinicId);

    /** The token is the only key an anonymous caller has; the row is locked to count its submission. */
    @Query("SELECT * FROM intake_link WHERE token_sha256 = :tokenSha256 FOR UPDATE")
    Optional<IntakeLink> lockByTokenSha256(String tokenSha256);

    /** The link locked for the rest of the transaction: a revoke and a submission queue up, one after the other. */
    @Query("SELECT * FROM intake_link WHERE id = :id AND clinic_id = :clinicId FOR UPDATE")
    Optional<IntakeLink> lockByIdAndClinicId(String id, String clinicId);

    /** Revokes the link and nothing else: the rate window and the submission count stay as they are. */
    @Query("UPDATE intake_link SET revoked_at = :at, revoked_by = :actor, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND revoked_at IS NULL")
    long revoke(String id, String clinicId, Instant at, String actor);

    /** Counts a submission and nothing else, so it can never bring back a link revoked meanwhile. */
    @Query("UPDATE intake_link SET submissions = submissions + 1, last_submitted_at = :at "
            + "WHERE id = :id AND clinic_id = :clinicId")
    long countSubmission(String id, String clinicId, Instant at);

    /** Moves the link's rate window and nothing else (the row is locked by the caller). */
    @Query("UPDATE intake_link SET window_started_at = :startedAt, window_count = :count "
            + "WHERE id = :id AND clinic_id = :clinicId")
    long countInWindow(String id, String clinicId, Instant startedAt, int count);

    /** Opening the form reads the link without locking it or counting anything. */
    Optional<IntakeLink> findByTokenSha256(String tokenSha256);

}
