package app.rapport.referrals.repository;

import app.rapport.referrals.domain.ClinicTimeZone;
import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** Each clinic's time zone, copied from the newest profile contacts-service announced. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ClinicTimeZoneRepository extends GenericRepository<ClinicTimeZone, String>, LocalCopy<ClinicTimeZone> {

    Optional<ClinicTimeZone> findByClinicId(String clinicId);

    /** Locks the row (or the gap where it would go) so two profiles of one clinic cannot interleave. */
    @Query("SELECT * FROM clinic_time_zone WHERE clinic_id = :clinicId FOR UPDATE")
    Optional<ClinicTimeZone> lock(String clinicId);
}
