package app.rapport.outreach.repository;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** The clinic's profile, one row per clinic: the highest version contacts-service announced (see {@link LocalCopy}). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ClinicProfileRepository extends GenericRepository<ClinicProfile, String>, LocalCopy<ClinicProfile> {

    /** The clinic's profile, once it has arrived. */
    Optional<ClinicProfile> findById(String clinicId);

    /** Locks the row (or the gap where it would go) so two profiles of one clinic are applied one after the other. */
    @Query("SELECT * FROM clinic_profile WHERE clinic_id = :clinicId FOR UPDATE")
    Optional<ClinicProfile> lock(String clinicId);
}
