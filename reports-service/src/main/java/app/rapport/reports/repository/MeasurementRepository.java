package app.rapport.reports.repository;

import app.rapport.reports.domain.Measurement;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MeasurementRepository extends GenericRepository<Measurement, String> {

    Measurement save(Measurement measurement);

    /** A correction, only of the version the person read. */
    @Query("UPDATE measurement SET measure = :measure, value = :value, measured_on = :measuredOn, measured_by = :measuredBy, "
            + "visit_number = :visitNumber, corrected_by = :by, corrected_at = :at, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND version = :version")
    long correct(String id, String clinicId, String measure, java.math.BigDecimal value, java.time.LocalDate measuredOn,
                 String measuredBy, @io.micronaut.core.annotation.Nullable Integer visitNumber, String by, Instant at,
                 long version);

    void delete(Measurement measurement);

    Optional<Measurement> findByIdAndClinicId(String id, String clinicId);

    /** The row, locked until the transaction ends: a correction checks its version and writes it in one go. */
    @Query(value = "SELECT * FROM measurement WHERE id = :id AND clinic_id = :clinicId FOR UPDATE", nativeQuery = true)
    Optional<Measurement> lock(String id, String clinicId);

    Page<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId, Pageable pageable);

    List<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId);

    String COLUMNS = "id, clinic_id, referral_id, measure, value, measured_on, measured_by, visit_number, recorded_by, "
            + "recorded_at, corrected_by, corrected_at";

    /** Keeps the referral's measurements as they are now as the ones {@code reportId} is sent with. */
    @Query("INSERT INTO sent_measurement (report_id, " + COLUMNS + ") SELECT :reportId, " + COLUMNS
            + " FROM measurement WHERE clinic_id = :clinicId AND referral_id = :referralId")
    void keepSentWith(String clinicId, String referralId, String reportId);

    @Query("DELETE FROM sent_measurement WHERE clinic_id = :clinicId AND report_id = :reportId")
    void forgetSentWith(String clinicId, String reportId);

    /** What was disclosed does not change: a kept measurement has no version of its own. */
    @Query(value = "SELECT " + COLUMNS + ", 0 AS version FROM sent_measurement WHERE clinic_id = :clinicId AND report_id = :reportId",
            nativeQuery = true)
    List<Measurement> findSentWith(String clinicId, String reportId);
}
