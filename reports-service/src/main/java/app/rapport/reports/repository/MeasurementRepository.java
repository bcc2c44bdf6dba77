package app.rapport.reports.repository;

import app.rapport.reports.domain.Measurement;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface MeasurementRepository extends GenericRepository<Measurement, String> {

    Measurement save(Measurement measurement);

    Measurement update(Measurement measurement);

    void delete(Measurement measurement);

    Optional<Measurement> findByIdAndClinicId(String id, String clinicId);

    Page<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId, Pageable pageable);

    List<Measurement> findByClinicIdAndReferralId(String clinicId, String referralId);

    String COLUMNS = "id, clinic_id, referral_id, measure, value, measured_on, measured_by, visit_number, recorded_by, "
            + "recorded_at, corrected_by, corrected_at";

    /** Keeps the referral's measurements as they are now as the ones {@code reportId} is sent with. */
    @Query("INSERT INTO sent_measurement (report_id, " + COLUMNS + ") SELECT :reportId, " + COLUMNS
            + " FROM measurement WHERE clinic_id = :clinicId AND referral_id = :referralId")
    void keepSentWith(String clinicId, String referralId, String reportId);

    @Query(value = "SELECT " + COLUMNS + " FROM sent_measurement WHERE clinic_id = :clinicId AND report_id = :reportId",
            nativeQuery = true)
    List<Measurement> findSentWith(String clinicId, String reportId);
}
