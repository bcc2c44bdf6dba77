package app.rapport.contacts.repository;

import app.rapport.contacts.domain.Practitioner;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The directory's rows; every method is scoped to one clinic. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PractitionerRepository extends GenericRepository<Practitioner, String> {

    Practitioner save(Practitioner practitioner);

    Practitioner update(Practitioner practitioner);

    Optional<Practitioner> findByIdAndClinicId(String id, String clinicId);

    /** Locks the row until the transaction ends, so a stage change and an edit cannot interleave. */
    Optional<Practitioner> findByIdAndClinicIdForUpdate(String id, String clinicId);

    List<Practitioner> findByClinicIdAndIdIn(String clinicId, Collection<String> ids);

    /** Partners this clinic already has with any of the same identifiers (other than {@code exceptId}). */
    @Query("""
            SELECT * FROM practitioner
            WHERE clinic_id = :clinicId AND id <> :exceptId
              AND ((:npi IS NOT NULL AND npi = :npi) OR (:email IS NOT NULL AND email = :email)
                OR (:phone IS NOT NULL AND phone = :phone) OR (:fax IS NOT NULL AND fax = :fax))
            ORDER BY created_at
            LIMIT 1""")
    Optional<Practitioner> findDuplicate(String clinicId, String exceptId, @Nullable String npi, @Nullable String email,
                                         @Nullable String phone, @Nullable String fax);

    /** An active partner of this clinic with the same folded name and organization (other than {@code exceptId}). */
    @Query("""
            SELECT * FROM practitioner
            WHERE clinic_id = :clinicId AND id <> :exceptId AND archived = FALSE AND name_key = :nameKey
            ORDER BY created_at
            LIMIT 1""")
    Optional<Practitioner> findLikelyDuplicate(String clinicId, String exceptId, String nameKey);

    /**
     * Active partners in the given specialties, the ones never contacted first (PROSPECT with no
     * recorded contact), then by how far the relationship still has to go.
     */
    @Query(value = """
            SELECT p.* FROM practitioner p
            WHERE p.clinic_id = :clinicId AND p.archived = FALSE AND p.specialty IN (:specialties)
            ORDER BY CASE WHEN p.stage = 'PROSPECT' AND p.last_contact_at IS NULL THEN 0 ELSE 1 END,
                     CASE p.stage WHEN 'PROSPECT' THEN 0 WHEN 'CONTACTED' THEN 1 WHEN 'MET' THEN 2
                                  WHEN 'DORMANT' THEN 3 ELSE 4 END,
                     p.last_name, p.first_name, p.id""",
            countQuery = """
            SELECT COUNT(*) FROM practitioner p
            WHERE p.clinic_id = :clinicId AND p.archived = FALSE AND p.specialty IN (:specialties)""",
            nativeQuery = true)
    Page<Practitioner> findTargets(String clinicId, Collection<String> specialties, Pageable pageable);
}
