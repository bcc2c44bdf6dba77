package app.rapport.reports.repository;

import app.rapport.reports.domain.Consent;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ConsentRepository extends GenericRepository<Consent, String> {

    Consent save(Consent consent);

    /** The row, locked until the transaction ends: a send under it and its revocation take turns. */
    @Query(value = "SELECT * FROM consent WHERE id = :id AND clinic_id = :clinicId FOR UPDATE", nativeQuery = true)
    Optional<Consent> lock(String id, String clinicId);

    /**
     * The patient's consents to one recipient as committed now, locked until the transaction ends:
     * a send decides under them, and a revocation (or a new consent) waits until it has.
     */
    @Query(value = "SELECT * FROM consent WHERE clinic_id = :clinicId AND patient_reference = :patientReference "
            + "AND practitioner_id = :practitionerId FOR UPDATE", nativeQuery = true)
    List<Consent> lockAll(String clinicId, String patientReference, String practitionerId);

    /** Revokes it once; a second revocation, or one against a version someone else changed, finds nothing. */
    @Query("UPDATE consent SET revoked_at = :at, revoked_by = :by, revocation_reason = :reason, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND revoked_at IS NULL AND version = :version")
    long revoke(String id, String clinicId, Instant at, String by, String reason, long version);

    Optional<Consent> findByIdAndClinicId(String id, String clinicId);

    List<Consent> findByClinicIdAndPatientReferenceAndPractitionerId(String clinicId, String patientReference,
                                                                      String practitionerId);

    List<Consent> findByClinicIdAndPatientReferenceAndPractitionerIdIn(String clinicId, String patientReference,
                                                                        Collection<String> practitionerIds);

    Page<Consent> findByClinicIdAndPatientReference(String clinicId, String patientReference, Pageable pageable);
}
