package app.rapport.reports.repository;

import app.rapport.reports.domain.Disclosure;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface DisclosureRepository extends GenericRepository<Disclosure, String> {

    Disclosure save(Disclosure disclosure);

    Page<Disclosure> findByClinicIdAndPatientReference(String clinicId, String patientReference, Pageable pageable);

    long countByClinicIdAndReportId(String clinicId, String reportId);

    java.util.Optional<Disclosure> findByClinicIdAndReportId(String clinicId, String reportId);

    java.util.Optional<Disclosure> findByClinicIdAndLetterId(String clinicId, String letterId);

    java.util.Optional<Disclosure> findByClinicIdAndStatusUpdateId(String clinicId, String statusUpdateId);

    /** A delivery that certainly did not happen is no disclosure: removed in the transaction that says so. */
    void deleteById(String id);
}
