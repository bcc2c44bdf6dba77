package app.rapport.outreach.repository;

import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;

/** The referrals the rules count, in both directions. */
@Singleton
public class ReferralFactRepository {

    public static final String RECEIVED = "RECEIVED";
    public static final String SENT = "SENT";

    private final Jdbc jdbc;

    public ReferralFactRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the referral was already counted (a replay of the same referral) */
    public boolean record(String clinicId, String referralId, String practitionerId, String direction, LocalDate on) {
        return jdbc.update("INSERT IGNORE INTO referral_fact (clinic_id, referral_id, practitioner_id, direction, occurred_on) "
                + "VALUES (?, ?, ?, ?, ?)", clinicId, referralId, practitionerId, direction, on) == 1;
    }

    /** The days referrals in {@code direction} happened with this partner, oldest first. */
    public List<LocalDate> dates(String clinicId, String practitionerId, String direction) {
        return jdbc.query("SELECT occurred_on FROM referral_fact WHERE clinic_id = ? AND practitioner_id = ? "
                        + "AND direction = ? ORDER BY occurred_on", rs -> rs.getDate(1).toLocalDate(),
                clinicId, practitionerId, direction);
    }

    /** Partners who have referred to the clinic at least {@code minimum} times. */
    public List<String> referringPartners(String clinicId, int minimum) {
        return jdbc.query("SELECT practitioner_id FROM referral_fact WHERE clinic_id = ? AND direction = 'RECEIVED' "
                        + "GROUP BY practitioner_id HAVING COUNT(*) >= ? ORDER BY practitioner_id",
                rs -> rs.getString(1), clinicId, minimum);
    }
}
