package app.rapport.reports.repository;

import app.rapport.reports.domain.ReferralRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Referrals, visits, thank-yous and gifts as the events told them: the source of queueing,
 * cadence and analytics. Every write is an insert that a replay cannot repeat, or an upsert by
 * the row's (clinic, id) key; callers run inside the event's transaction.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReferralRepository extends GenericRepository<ReferralEntry, ReferralKey> {

    /** A referral with who its patient is and why it was referred, where PatientReferred told it. */
    String SELECT = "SELECT r.*, p.first_name AS patient_first_name, p.last_name AS patient_last_name, "
            + "p.birth_date AS patient_birth_date, p.reason, p.diagnosis_codes FROM referral r "
            + "LEFT JOIN referral_patient p ON p.clinic_id = r.clinic_id AND p.referral_id = r.id ";

    /**
     * A referral as ReferralReceived or ReferralSent told it. For a received one, who the patient is
     * arrives apart ({@link #recordPatient}); its row is claimed first so that whichever of the two
     * events comes second waits for the first one's transaction and then sees both.
     *
     * @return false when the referral was already known (the event was a replay under a new id)
     */
    default boolean insert(ReferralRecord r) {
        if ("RECEIVED".equals(r.direction())) {
            claimPatientRow(r.clinicId(), r.id());
        }
        return insertIfNew(r.clinicId(), r.id(), r.direction(), r.kind(), r.practitionerId(), r.status(),
                r.referredOn(), r.requestedService(), r.primaryCareId(), r.treatingName(), r.treatingCredentials(),
                r.patientReference()) == 1;
    }

    @Query("INSERT IGNORE INTO referral (clinic_id, id, direction, kind, practitioner_id, status, referred_on, "
            + "requested_service, primary_care_id, treating_name, treating_credentials, patient_reference) "
            + "VALUES (:clinicId, :id, :direction, :kind, :practitionerId, :status, :referredOn, :requestedService, "
            + ":primaryCareId, :treatingName, :treatingCredentials, :patientReference)")
    long insertIfNew(String clinicId, String id, String direction, @Nullable String kind, String practitionerId,
                     @Nullable String status, @Nullable LocalDate referredOn, @Nullable String requestedService, @Nullable String primaryCareId,
                     @Nullable String treatingName, @Nullable String treatingCredentials,
                     @Nullable String patientReference);

    @Query("INSERT INTO referral_patient (clinic_id, referral_id) VALUES (:clinicId, :referralId) "
            + "ON DUPLICATE KEY UPDATE referral_id = referral_id")
    void claimPatientRow(String clinicId, String referralId);

    /** Who a received referral is about and why (PatientReferred); a replay writes the same again. */
    default void recordPatient(String clinicId, String referralId, @Nullable String patientReference,
                               @Nullable String firstName, @Nullable String lastName, @Nullable LocalDate birthDate,
                               @Nullable String reason,
                               List<String> diagnosisCodes) {
        upsertPatient(clinicId, referralId, patientReference, firstName, lastName, birthDate, reason,
                String.join(",", diagnosisCodes));
    }

    @Query("INSERT INTO referral_patient (clinic_id, referral_id, patient_reference, first_name, last_name, "
            + "birth_date, reason, diagnosis_codes) VALUES (:clinicId, :referralId, :patientReference, :firstName, "
            + ":lastName, :birthDate, :reason, :diagnosisCodes) ON DUPLICATE KEY UPDATE "
            + "patient_reference = VALUES(patient_reference), first_name = VALUES(first_name), "
            + "last_name = VALUES(last_name), birth_date = VALUES(birth_date), reason = VALUES(reason), "
            + "diagnosis_codes = VALUES(diagnosis_codes)")
    void upsertPatient(String clinicId, String referralId, @Nullable String patientReference,
                       @Nullable String firstName, @Nullable String lastName, @Nullable LocalDate birthDate,
                       @Nullable String reason, String diagnosisCodes);

    /**
     * The received referral once both its ReferralReceived and its PatientReferred are here, read
     * under lock in the transaction that wrote the second of them; empty while one is missing.
     */
    default Optional<ReferralRecord> completeReceived(String clinicId, String referralId) {
        return lockComplete(clinicId, referralId).map(ReferralRow::toRecord);
    }

    @Query(value = SELECT + "WHERE r.clinic_id = :clinicId AND r.id = :referralId AND r.direction = 'RECEIVED' "
            + "AND p.first_name IS NOT NULL FOR UPDATE", nativeQuery = true)
    Optional<ReferralRow> lockComplete(String clinicId, String referralId);

    @Query("UPDATE referral SET status = :status WHERE clinic_id = :clinicId AND id = :referralId")
    void changeStatus(String clinicId, String referralId, @Nullable String status);

    default Optional<ReferralRecord> find(String clinicId, String id) {
        return findRow(clinicId, id).map(ReferralRow::toRecord);
    }

    @Query(value = SELECT + "WHERE r.clinic_id = :clinicId AND r.id = :id", nativeQuery = true)
    Optional<ReferralRow> findRow(String clinicId, String id);

    default boolean knowsPatient(String clinicId, String patientReference) {
        return anyReferralOf(clinicId, patientReference).isPresent();
    }

    @Query(value = "SELECT 1 FROM referral WHERE clinic_id = :clinicId AND patient_reference = :patientReference LIMIT 1",
            nativeQuery = true)
    Optional<Integer> anyReferralOf(String clinicId, String patientReference);

    @Query("INSERT IGNORE INTO visit (clinic_id, id, referral_id, practitioner_id, visit_date, type, visit_number, "
            + "billed_amount, currency) VALUES (:clinicId, :visitId, :referralId, :practitionerId, :date, :type, "
            + ":number, :billed, :currency)")
    void recordVisit(String clinicId, String visitId, String referralId, String practitionerId, LocalDate date,
                     @Nullable String type, int number, @Nullable BigDecimal billed, @Nullable String currency);

    /** The days the referral's patient was seen, up to {@code asOf}: what the report cadence counts. */
    @Query(value = "SELECT visit_date FROM visit WHERE clinic_id = :clinicId AND referral_id = :referralId "
            + "AND visit_date <= :asOf ORDER BY visit_date", nativeQuery = true)
    List<LocalDate> visitDates(String clinicId, String referralId, LocalDate asOf);

    @Query("INSERT IGNORE INTO thank_you (clinic_id, task_id, practitioner_id, referral_id, channel, due_on, "
            + "completed_at) VALUES (:clinicId, :taskId, :practitionerId, :referralId, :channel, :dueOn, :completedAt)")
    void recordThankYou(String clinicId, String taskId, String practitionerId, @Nullable String referralId,
                        @Nullable String channel, @Nullable LocalDate dueOn, @Nullable Instant completedAt);

    /** A gift given; redelivered, it changes nothing; after its own reversal it only fills in the day. */
    @Query("INSERT INTO gift_spend (clinic_id, gift_id, practitioner_id, amount, currency, given_on) "
            + "VALUES (:clinicId, :giftId, :practitionerId, :amount, :currency, :givenOn) "
            + "ON DUPLICATE KEY UPDATE given_on = VALUES(given_on)")
    void recordGift(String clinicId, String giftId, String practitionerId, BigDecimal amount, String currency,
                    @Nullable LocalDate givenOn);

    /** A gift reversed (the invitation declined or skipped), even when the reversal overtook the gift. */
    @Query("INSERT INTO gift_spend (clinic_id, gift_id, practitioner_id, amount, currency, reversed_on) "
            + "VALUES (:clinicId, :giftId, :practitionerId, :amount, :currency, :reversedOn) "
            + "ON DUPLICATE KEY UPDATE reversed_on = VALUES(reversed_on)")
    void reverseGift(String clinicId, String giftId, String practitionerId, BigDecimal amount, String currency,
                     @Nullable LocalDate reversedOn);
}
