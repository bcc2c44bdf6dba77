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
}
