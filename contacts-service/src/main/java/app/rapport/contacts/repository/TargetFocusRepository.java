package app.rapport.contacts.repository;

import app.rapport.contacts.domain.TargetFocus;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TargetFocusRepository extends GenericRepository<TargetFocus, String> {

    TargetFocus save(TargetFocus focus);

    TargetFocus update(TargetFocus focus);

    List<TargetFocus> findByClinicId(String clinicId);

    Optional<TargetFocus> findByClinicIdAndFocus(String clinicId, String focus);

    /** The entry locked for the rest of the transaction, so two saves of one focus queue up. */
    @io.micronaut.data.annotation.Query("SELECT * FROM target_focus WHERE clinic_id = :clinicId AND focus = :focus FOR UPDATE")
    Optional<TargetFocus> lockByClinicIdAndFocus(String clinicId, String focus);

    void deleteByClinicIdAndFocus(String clinicId, String focus);
}
