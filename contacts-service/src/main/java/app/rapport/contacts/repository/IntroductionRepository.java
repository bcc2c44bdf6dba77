package app.rapport.contacts.repository;

import app.rapport.contacts.domain.Introduction;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface IntroductionRepository extends GenericRepository<Introduction, String> {

    Introduction save(Introduction introduction);

    Page<Introduction> findByClinicIdAndIntroducedByPractitionerId(String clinicId, String introducedByPractitionerId,
                                                                   Pageable pageable);

    Optional<Introduction> findByClinicIdAndIntroducedByPractitionerIdAndPractitionerId(
            String clinicId, String introducedByPractitionerId, String practitionerId);
}
