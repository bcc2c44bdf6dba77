package app.rapport.referrals.repository;

import app.rapport.referrals.domain.Patient;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface PatientRepository extends GenericRepository<Patient, String> {

    Patient save(Patient patient);

    /**
     * Opens the patient as the first of their name and birth date in the clinic, unless that patient
     * exists: 1 when opened, 0 when someone of that name and birth date is already on file (V9's key).
     * Nothing of an existing patient is changed (ADR 0205).
     */
    @Query("INSERT IGNORE INTO patient (id, clinic_id, first_name, last_name, birth_date, phone, email, created_at, namesake)"
            + " VALUES (:id, :clinicId, :firstName, :lastName, :birthDate, :phone, :email, :createdAt, '')")
    long openFirstOfName(String id, String clinicId, String firstName, String lastName, LocalDate birthDate,
                         @Nullable String phone, @Nullable String email, Instant createdAt);

    /** Opens a later patient of a name and birth date already on file; its own id keeps it off the first one's key. */
    @Query("INSERT INTO patient (id, clinic_id, first_name, last_name, birth_date, phone, email, created_at, namesake)"
            + " VALUES (:id, :clinicId, :firstName, :lastName, :birthDate, :phone, :email, :createdAt, :id)")
    long openNamesake(String id, String clinicId, String firstName, String lastName, LocalDate birthDate,
                      @Nullable String phone, @Nullable String email, Instant createdAt);

    /** The patient's phone and e-mail, and nothing else of the row. */
    @Query("UPDATE patient SET phone = :phone, email = :email WHERE id = :id AND clinic_id = :clinicId")
    long updateContact(String id, String clinicId, @Nullable String phone,
                       @Nullable String email);

    List<Patient> findByClinicIdAndIdIn(String clinicId, java.util.Collection<String> ids);

    Optional<Patient> findByIdAndClinicId(String id, String clinicId);

    List<Patient> findByClinicIdAndLastNameAndFirstNameAndBirthDate(String clinicId, String lastName, String firstName,
                                                                    LocalDate birthDate);

    /**
     * Every patient of a name and birth date, oldest first, read as committed (a locking read): a
     * patient another request has just opened under V9's key is seen, not missed by this transaction's snapshot.
     */
    @Query("SELECT id, clinic_id, first_name, last_name, birth_date, phone, email, created_at FROM patient"
            + " WHERE clinic_id = :clinicId AND last_name = :lastName AND first_name = :firstName AND birth_date = :birthDate"
            + " ORDER BY created_at, id LOCK IN SHARE MODE")
    List<Patient> namesakesOnFile(String clinicId, String lastName, String firstName, LocalDate birthDate);

    /** Oldest first: the patient staff have known longest is the one a referral typed by staff joins. */
    List<Patient> findByClinicIdAndLastNameAndFirstNameAndBirthDateOrderByCreatedAtAsc(String clinicId, String lastName,
                                                                                    String firstName,
                                                                                    LocalDate birthDate);
}
