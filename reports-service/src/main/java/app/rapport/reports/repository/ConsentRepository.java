package app.rapport.reports.repository;

import app.rapport.reports.domain.Consent;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ConsentRepository extends GenericRepository<Consent, String> {

    Consent save(Consent consent);

    Consent update(Consent consent);

    Optional<Consent> findByIdAndClinicId(String id, String clinicId);

    List<Consent> findByClinicIdAndPatientReferenceAndPractitionerId(String clinicId, String patientReference,
                                                                      String practitionerId);

    Page<Consent> findByClinicIdAndPatientReference(String clinicId, String patientReference, Pageable pageable);
}
