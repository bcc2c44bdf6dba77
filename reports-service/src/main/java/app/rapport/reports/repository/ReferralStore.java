package app.rapport.reports.repository;

import app.rapport.reports.domain.ReferralRecord;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Referrals, visits and thank-yous as the events told them: the source of queueing, cadence and analytics. */
@Singleton
public class ReferralStore {

    /** A referral with who its patient is and why it was referred, where PatientReferred told it. */
    private static final String SELECT = "SELECT r.*, p.first_name AS patient_first_name, p.last_name AS patient_last_name, "
            + "p.birth_date AS patient_birth_date, p.reason, p.diagnosis_codes FROM referral r "
            + "LEFT JOIN referral_patient p ON p.clinic_id = r.clinic_id AND p.referral_id = r.id ";

    private final Sql sql;

    public ReferralStore(Sql sql) {
        this.sql = sql;
    }

    /**
     * A referral as ReferralReceived or ReferralSent told it. For a received one, who the patient is
     * arrives apart ({@link #recordPatient}); its row is claimed first so that whichever of the two
     * events comes second waits for the first one's transaction and then sees both.
     *
     * @return false when the referral was already known (the event was a replay under a new id)
     */
    @Transactional
    public boolean insert(ReferralRecord r) {
        if ("RECEIVED".equals(r.direction())) {
            claimPatientRow(r.clinicId(), r.id());
        }
        return sql.update("INSERT IGNORE INTO referral (clinic_id, id, direction, kind, practitioner_id, status, referred_on, "
                        + "requested_service, primary_care_id, treating_name, treating_credentials, patient_reference) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                r.clinicId(), r.id(), r.direction(), r.kind(), r.practitionerId(), r.status(), r.referredOn(),
                r.requestedService(), r.primaryCareId(), r.treatingName(), r.treatingCredentials(),
                r.patientReference()) == 1;
    }

    /** Who a received referral is about and why (PatientReferred); a replay writes the same again. */
    @Transactional
    public void recordPatient(String clinicId, String referralId, String patientReference, String firstName,
                              String lastName, LocalDate birthDate, String reason, List<String> diagnosisCodes) {
        sql.update("INSERT INTO referral_patient (clinic_id, referral_id, patient_reference, first_name, last_name, "
                        + "birth_date, reason, diagnosis_codes) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                        + "patient_reference = VALUES(patient_reference), first_name = VALUES(first_name), "
                        + "last_name = VALUES(last_name), birth_date = VALUES(birth_date), reason = VALUES(reason), "
                        + "diagnosis_codes = VALUES(diagnosis_codes)",
                clinicId, referralId, patientReference, firstName, lastName, birthDate, reason,
                String.join(",", diagnosisCodes));
    }

    private void claimPatientRow(String clinicId, String referralId) {
        sql.update("INSERT INTO referral_patient (clinic_id, referral_id) VALUES (?, ?) "
                + "ON DUPLICATE KEY UPDATE referral_id = referral_id", clinicId, referralId);
    }

    /**
     * The received referral once both its ReferralReceived and its PatientReferred are here, read
     * under lock in the transaction that wrote the second of them; empty while one is missing.
     */
    @Transactional
    public Optional<ReferralRecord> completeReceived(String clinicId, String referralId) {
        return sql.query(SELECT + "WHERE r.clinic_id = ? AND r.id = ? AND r.direction = 'RECEIVED' "
                        + "AND p.first_name IS NOT NULL FOR UPDATE", ReferralStore::map, clinicId, referralId)
                .stream().findFirst();
    }

    @Transactional
    public void changeStatus(String clinicId, String referralId, String status) {
        sql.update("UPDATE referral SET status = ? WHERE clinic_id = ? AND id = ?", status, clinicId, referralId);
    }

    @ReadOnly
    public Optional<ReferralRecord> find(String clinicId, String id) {
        return sql.query(SELECT + "WHERE r.clinic_id = ? AND r.id = ?", ReferralStore::map, clinicId, id)
                .stream().findFirst();
    }

    @ReadOnly
    public boolean knowsPatient(String clinicId, String patientReference) {
        return !sql.query("SELECT 1 FROM referral WHERE clinic_id = ? AND patient_reference = ? LIMIT 1",
                rs -> 1, clinicId, patientReference).isEmpty();
    }

    @Transactional
    public void recordVisit(String clinicId, String visitId, String referralId, String practitionerId, LocalDate date,
                            String type, int number, BigDecimal billed, String currency) {
        sql.update("INSERT IGNORE INTO visit (clinic_id, id, referral_id, practitioner_id, visit_date, type, visit_number, "
                        + "billed_amount, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                clinicId, visitId, referralId, practitionerId, date, type, number, billed, currency);
    }

    @Transactional
    public void recordThankYou(String clinicId, String taskId, String practitionerId, String referralId, String channel,
                               LocalDate dueOn, Instant completedAt) {
        sql.update("INSERT IGNORE INTO thank_you (clinic_id, task_id, practitioner_id, referral_id, channel, due_on, "
                + "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", clinicId, taskId, practitionerId, referralId, channel,
                dueOn, completedAt);
    }

    /** A gift given; redelivered, it changes nothing; after its own reversal it only fills in the day. */
    @Transactional
    public void recordGift(String clinicId, String giftId, String practitionerId, BigDecimal amount, String currency,
                           LocalDate givenOn) {
        sql.update("INSERT INTO gift_spend (clinic_id, gift_id, practitioner_id, amount, currency, given_on) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE given_on = VALUES(given_on)",
                clinicId, giftId, practitionerId, amount, currency, givenOn);
    }

    /** A gift reversed (the invitation declined or skipped), even when the reversal overtook the gift. */
    @Transactional
    public void reverseGift(String clinicId, String giftId, String practitionerId, BigDecimal amount, String currency,
                            LocalDate reversedOn) {
        sql.update("INSERT INTO gift_spend (clinic_id, gift_id, practitioner_id, amount, currency, reversed_on) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE reversed_on = VALUES(reversed_on)",
                clinicId, giftId, practitionerId, amount, currency, reversedOn);
    }

    static ReferralRecord map(ResultSet rs) throws SQLException {
        String codes = rs.getString("diagnosis_codes");
        List<String> list = codes == null || codes.isBlank() ? List.of() : Arrays.asList(codes.split(","));
        return new ReferralRecord(rs.getString("clinic_id"), rs.getString("id"), rs.getString("direction"),
                rs.getString("kind"), rs.getString("practitioner_id"), rs.getString("status"),
                Sql.date(rs, "referred_on"), rs.getString("reason"), rs.getString("requested_service"), list,
                rs.getString("primary_care_id"), rs.getString("treating_name"), rs.getString("treating_credentials"),
                rs.getString("patient_reference"), rs.getString("patient_first_name"),
                rs.getString("patient_last_name"), Sql.date(rs, "patient_birth_date"));
    }
}
