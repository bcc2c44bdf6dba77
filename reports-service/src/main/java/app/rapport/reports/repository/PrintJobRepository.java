package app.rapport.reports.repository;

import app.rapport.reports.domain.PrintJob;
import app.rapport.reports.domain.PrintJobs;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PrintJobRepository extends GenericRepository<PrintJob, String>, PrintJobs {

    @Override
    PrintJob save(PrintJob job);

    /** Marks it printed once: a second click (or a second person) finds it printed already. */
    @Query("UPDATE print_job SET printed_at = :at, printed_by = :by WHERE id = :id AND clinic_id = :clinicId "
            + "AND printed_at IS NULL")
    long markPrinted(String id, String clinicId, Instant at, String by);

    Optional<PrintJob> findByIdAndClinicId(String id, String clinicId);

}
