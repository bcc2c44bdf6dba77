package app.rapport.platform.sample;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface NoteRepository extends GenericRepository<Note, String> {

    Note save(Note note);

    Optional<Note> findByIdAndClinicId(String id, String clinicId);

    long countByClinicId(String clinicId);
}
