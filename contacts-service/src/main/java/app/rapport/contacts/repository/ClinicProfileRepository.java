package app.rapport.contacts.repository;

import app.rapport.contacts.domain.ClinicProfileRow;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ClinicProfileRepository extends GenericRepository<ClinicProfileRow, String> {

    ClinicProfileRow save(ClinicProfileRow row);

    ClinicProfileRow update(ClinicProfileRow row);

    Optional<ClinicProfileRow> findByClinicId(String clinicId);

    /** Locks the row, so two saves cannot publish the same version. */
    Optional<ClinicProfileRow> findByClinicIdForUpdate(String clinicId);
}
