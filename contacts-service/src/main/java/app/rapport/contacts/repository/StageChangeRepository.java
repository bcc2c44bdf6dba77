package app.rapport.contacts.repository;

import app.rapport.contacts.domain.StageChange;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface StageChangeRepository extends GenericRepository<StageChange, String> {

    StageChange save(StageChange change);

    List<StageChange> findByClinicIdAndPractitionerIdOrderByVersion(String clinicId, String practitionerId);
}
