package app.rapport.contacts.repository;

import app.rapport.contacts.domain.PractitionerTag;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PractitionerTagRepository extends GenericRepository<PractitionerTag, Long> {

    List<PractitionerTag> saveAll(Iterable<PractitionerTag> tags);

    List<PractitionerTag> findByClinicIdAndPractitionerIdInOrderByTag(String clinicId, Collection<String> practitionerIds);

    void deleteByClinicIdAndPractitionerId(String clinicId, String practitionerId);
}
