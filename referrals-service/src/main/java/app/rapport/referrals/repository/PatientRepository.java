package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Patient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PatientRepository extends GenericRepository<Patient, String> {

    Patient save(Patient patient);

    /** The patient's phone and e-mail, and nothing else of the row. */
    @Query("UPDATE patient SET phone = :phone, email = :email WHERE id = :id AND clinic_id = :clinicId")
    long updateContact(String id, String clinicId, @Nullable String phone,
                       @Nullable String email);

    List<Patient> findByClinicIdAndIdIn(String clinicId, java.util.Collection<String> ids);

    Optional<Patient> findByIdAndClinicId(String id, String clinicId);

    List<Patient> findByClinicIdAndLastNameAndFirstNameAndBirthDate(String clinicId, String lastName, String firstName,
                                                                    LocalDate birthDate);

    /** Oldest first: the patient staff have known longest is the one a referral typed by staff joins. */
    List<Patient> findByClinicIdAndLastNameAndFirstNameAndBirthDateOrderByCreatedAtAsc(String clinicId, String lastName,
                                                                                    String firstName,
                                                                                    LocalDate birthDate);
}
