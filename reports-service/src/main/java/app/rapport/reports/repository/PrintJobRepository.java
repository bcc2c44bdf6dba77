package app.rapport.reports.repository;

import app.rapport.reports.domain.PrintJob;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PrintJobRepository extends GenericRepository<PrintJob, String> {

    PrintJob save(PrintJob job);

    PrintJob update(PrintJob job);

    Optional<PrintJob> findByIdAndClinicId(String id, String clinicId);

    Page<PrintJob> findByClinicIdAndPrintedAtIsNull(String clinicId, Pageable pageable);

    Page<PrintJob> findByClinicId(String clinicId, Pageable pageable);
}
