package app.rapport.referrals.repository;

import app.rapport.referrals.domain.IntakeLink;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface IntakeLinkRepository extends GenericRepository<IntakeLink, String> {

    IntakeLink save(IntakeLink link);

    IntakeLink update(IntakeLink link);

    Optional<IntakeLink> findByIdAndClinicId(String id, String clinicId);

    /** The token is the only key an anonymous caller has; the row is locked to count its submission. */
    @Query("SELECT * FROM intake_link WHERE token_sha256 = :tokenSha256 FOR UPDATE")
    Optional<IntakeLink> lockByTokenSha256(String tokenSha256);

    /** Opening the form reads the link without locking it or counting anything. */
    Optional<IntakeLink> findByTokenSha256(String tokenSha256);

    @Query(value = "SELECT * FROM intake_link WHERE clinic_id = :clinicId ORDER BY created_at DESC, id",
            countQuery = "SELECT COUNT(*) FROM intake_link WHERE clinic_id = :clinicId")
    Page<IntakeLink> list(String clinicId, Pageable pageable);
}
