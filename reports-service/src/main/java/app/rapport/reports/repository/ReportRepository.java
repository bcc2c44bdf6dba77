package app.rapport.reports.repository;

import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.domain.RecipientRole;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReportRepository extends GenericRepository<Report, String> {

    Report save(Report report);

    Optional<Report> findByIdAndClinicId(String id, String clinicId);

    /**
     * A report unless its recipient already has this one (same type and number): one round trip
     * guarded by {@code uq_report_recipient} instead of a look-up and an insert (issue 14). IGNORE
     * would also shorten an over-long value or empty a missing one instead of failing; the ids and
     * the patient reference come from the referral's copy, written into columns of the same sizes,
     * and {@code ReportQueue} refuses a missing patient reference first.
     *
     * @return 1 when queued, 0 when the recipient has it already
     */
    @Query("INSERT IGNORE INTO report (id, clinic_id, referral_id, practitioner_id, recipient_role, type, "
            + "sequence_number, status, patient_reference, queued_at, updated_at, version) VALUES (:id, :clinicId, "
            + ":referralId, :practitionerId, :recipientRole, :type, :sequenceNumber, :status, :patientReference, "
            + ":queuedAt, :updatedAt, 0)")
    long insertUnlessQueued(String id, String clinicId, String referralId, String practitionerId, String recipientRole,
                            String type, int sequenceNumber, String status, String patientReference, Instant queuedAt,
                            Instant updatedAt);

    /**
     * Two reports in one round trip, each unless its recipient already has it (see
     * {@link #insertUnlessQueued}): a received referral's first reports to its referrer and the PCP.
     *
     * @return how many were queued: 2, 1 (then {@link #existsById} tells which) or 0
     */
    @Query("INSERT IGNORE INTO report (id, clinic_id, referral_id, practitioner_id, recipient_role, type, "
            + "sequence_number, status, patient_reference, queued_at, updated_at, version) VALUES (:id, :clinicId, "
            + ":referralId, :practitionerId, :recipientRole, :type, :sequenceNumber, :status, :patientReference, "
            + ":queuedAt, :updatedAt, 0), (:otherId, :clinicId, :referralId, :otherPractitionerId, :otherRecipientRole, "
            + ":type, :sequenceNumber, :otherStatus, :patientReference, :queuedAt, :updatedAt, 0)")
    long insertBothUnlessQueued(String id, String clinicId, String referralId, String practitionerId, String recipientRole,
                                String type, int sequenceNumber, String status, String patientReference, Instant queuedAt,
                                Instant updatedAt, String otherId, String otherPractitionerId, String otherRecipientRole,
                                String otherStatus);

    boolean existsById(String id);

    @Query("SELECT COALESCE(MAX(sequence_number), 0) FROM report WHERE clinic_id = :clinicId AND referral_id = :referralId "
            + "AND practitioner_id = :practitionerId AND type = :type")
    int lastSequenceNumber(String clinicId, String referralId, String practitionerId, String type);

    List<Report> findByClinicIdAndPatientReferenceAndPractitionerIdAndStatus(
            String clinicId, String patientReference, String practitionerId, ReportStatus status);

    List<Report> findByClinicIdAndReferralId(String clinicId, String referralId);

    /** Someone a report on the referral was queued for. */
    @Introspected
    record Recipient(String referralId, String practitionerId, RecipientRole recipientRole) {
    }

    /** Everyone reports were queued for on the clinic's referrals that are not in one of {@code closed}. */
    @Query(value = "SELECT DISTINCT rp.referral_id, rp.practitioner_id, rp.recipient_role "
            + "FROM report rp JOIN referral r ON r.clinic_id = rp.clinic_id AND r.id = rp.referral_id "
            + "WHERE rp.clinic_id = :clinicId AND r.status NOT IN (:closed)", nativeQuery = true)
    List<Recipient> recipientsOnOpenReferrals(String clinicId, Collection<String> closed);

    /** The row, locked until the transaction ends: a send and an edit or a revocation take turns on it. */
    @Query(value = "SELECT * FROM report WHERE id = :id AND clinic_id = :clinicId FOR UPDATE", nativeQuery = true)
    Optional<Report> lock(String id, String clinicId);

    /** The content, only as the version the writer read and only while it may still change. */
    @Query("UPDATE report SET content = :content, updated_at = :now, version = version + 1 WHERE id = :id "
            + "AND clinic_id = :clinicId AND version = :version AND status IN ('AWAITING_CONSENT', 'DRAFT')")
    long writeContent(String id, String clinicId, String content, Instant now, long version);

    /** Between AWAITING_CONSENT and DRAFT as the consents say, only from the status it was read in. */
    @Query("UPDATE report SET status = :to, updated_at = :now, version = version + 1 WHERE id = :id AND status = :from")
    long moveUnsent(String id, String from, String to, Instant now);

    /**
     * Claims it for one send (SENDING), only from the status and version that send read: two
     * clicks on "send", or an edit saved meanwhile, make the second claim find nothing.
     */
    @Query("UPDATE report SET status = 'SENDING', sending_since = :now, updated_at = :now, sent_channel = :channel, "
            + "consent_id = :consentId, version = version + 1 WHERE id = :id AND clinic_id = :clinicId "
            + "AND status = :from AND version = :version")
    long claim(String id, String clinicId, String from, long version, Instant now, String channel, String consentId);

    /**
     * SENT, by the sender that delivered it (also when the recovery step flagged it meanwhile: this
     * sender knows it arrived) or by staff confirming an unconfirmed delivery.
     */
    @Query("UPDATE report SET status = 'SENT', sent_at = :now, updated_at = :now, sending_since = NULL, "
            + "version = version + 1 WHERE id = :id AND status IN ('SENDING', 'DELIVERY_UNCONFIRMED')")
    long markSent(String id, Instant now);

    /** It certainly did not leave: back to the unsent status it was claimed from. */
    @Query("UPDATE report SET status = :to, updated_at = :now, sending_since = NULL, sent_channel = NULL, "
            + "consent_id = NULL, version = version + 1 WHERE id = :id AND status = 'SENDING'")
    long release(String id, String to, Instant now);

    /** It may have left (or, sent again, may have left the first time): for staff to confirm or send again. */
    @Query("UPDATE report SET status = 'DELIVERY_UNCONFIRMED', updated_at = :now, version = version + 1 "
            + "WHERE id = :id AND status = 'SENDING'")
    long markUnconfirmed(String id, Instant now);

    /** The recovery step: claims older than {@code staleBefore} belong to a sender that stopped. */
    @Query("UPDATE report SET status = 'DELIVERY_UNCONFIRMED', updated_at = :now, version = version + 1 "
            + "WHERE status = 'SENDING' AND sending_since < :staleBefore")
    long flagUnconfirmed(Instant staleBefore, Instant now);
}
