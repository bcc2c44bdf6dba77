package app.rapport.reports.repository;

import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import io.micronaut.core.annotation.Nullable;
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
public interface ReportRepository extends GenericRepository<Report, String> {

    Report save(Report report);

    Report update(Report report);

    Optional<Report> findByIdAndClinicId(String id, String clinicId);

    boolean existsByClinicIdAndReferralIdAndPractitionerIdAndTypeAndSequenceNumber(
            String clinicId, String referralId, String practitionerId, ReportType type, int sequenceNumber);

    @Query("SELECT COALESCE(MAX(sequence_number), 0) FROM report WHERE clinic_id = :clinicId AND referral_id = :referralId "
            + "AND practitioner_id = :practitionerId AND type = :type")
    int lastSequenceNumber(String clinicId, String referralId, String practitionerId, String type);

    List<Report> findByClinicIdAndPatientReferenceAndPractitionerIdAndStatus(
            String clinicId, String patientReference, String practitionerId, ReportStatus status);

    List<Report> findByClinicIdAndReferralId(String clinicId, String referralId);

    /** Sets SENT only if nobody sent it meanwhile: two clicks on "send" disclose once. */
    @Query("UPDATE report SET status = 'SENT', sent_at = :sentAt, updated_at = :sentAt, sent_channel = :channel, "
            + "consent_id = :consentId WHERE id = :id AND clinic_id = :clinicId AND status <> 'SENT'")
    long markSent(String id, String clinicId, Instant sentAt, String channel, String consentId);

    @Query(value = "SELECT * FROM report WHERE clinic_id = :clinicId "
            + "AND (:referralId IS NULL OR referral_id = :referralId) "
            + "AND (:status IS NULL OR status = :status) "
            + "AND (:practitionerId IS NULL OR practitioner_id = :practitionerId) ORDER BY queued_at DESC, id",
            countQuery = "SELECT COUNT(*) FROM report WHERE clinic_id = :clinicId "
                    + "AND (:referralId IS NULL OR referral_id = :referralId) "
                    + "AND (:status IS NULL OR status = :status) "
                    + "AND (:practitionerId IS NULL OR practitioner_id = :practitionerId)",
            nativeQuery = true)
    Page<Report> search(String clinicId, @Nullable String referralId, @Nullable String status,
                        @Nullable String practitionerId, Pageable pageable);
}
