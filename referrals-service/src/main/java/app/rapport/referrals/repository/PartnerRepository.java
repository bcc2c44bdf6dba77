package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Partner;
import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** This clinic's copy of the directory: the newest snapshot of each practitioner. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PartnerRepository extends GenericRepository<Partner, Long>, LocalCopy<Partner> {

    Optional<Partner> findByClinicIdAndPractitionerId(String clinicId, String practitionerId);

    List<Partner> findByClinicIdAndPractitionerIdIn(String clinicId, Collection<String> practitionerIds);

    /** Locks the row (or the gap where it would go) so a snapshot and its successor cannot interleave. */
    @Query("SELECT * FROM partner WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId FOR UPDATE")
    Optional<Partner> lock(String clinicId, String practitionerId);
}
