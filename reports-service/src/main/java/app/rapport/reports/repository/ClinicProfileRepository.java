package app.rapport.reports.repository;

import app.rapport.platform.persistence.LocalCopy;
import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.ClinicProfiles;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

/** The local copy of each clinic's profile: one row per clinic, the highest version kept. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ClinicProfileRepository extends GenericRepository<ClinicProfileEntry, String>,
        LocalCopy<ClinicProfileEntry>, ClinicProfiles {

    Optional<ClinicProfileEntry> findById(String clinicId);

    @Override
    default Optional<ClinicProfile> find(String clinicId) {
        return findById(clinicId).map(ClinicProfileEntry::profile);
    }

    /** Only the zone: read wherever the service decides a day, so it skips the logo. */
    @Query(value = "SELECT time_zone FROM clinic_profile WHERE clinic_id = :clinicId", nativeQuery = true)
    Optional<String> timeZone(String clinicId);

    /** Locks the row (or the gap where it would go) so two profiles of one clinic cannot interleave. */
    @Query(value = "SELECT * FROM clinic_profile WHERE clinic_id = :clinicId FOR UPDATE", nativeQuery = true)
    Optional<ClinicProfileEntry> lock(String clinicId);
}
