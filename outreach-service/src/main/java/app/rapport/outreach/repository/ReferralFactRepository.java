package app.rapport.outreach.repository;

import app.rapport.outreach.domain.Signature;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The referrals the rules count, in both directions. */
@Singleton
public class ReferralFactRepository {

    public static final String RECEIVED = "RECEIVED";
    public static final String SENT = "SENT";

    private final Jdbc jdbc;
    private final PartnerHistory history;

    public ReferralFactRepository(Jdbc jdbc, PartnerHistory history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    /**
     * Records the referral and raises the partner's running count with it, in the caller's
     * transaction.
     *
     * @return false when the referral was already counted (a replay of the same referral)
     */
    public boolean record(String clinicId, String referralId, String practitionerId, String direction, LocalDate on,
                          @Nullable String treatingName, @Nullable String treatingCredentials) {
        boolean first = jdbc.update("INSERT IGNORE INTO referral_fact (clinic_id, referral_id, practitioner_id, direction, "
                        + "occurred_on, treating_name, treating_credentials) VALUES (?, ?, ?, ?, ?, ?, ?)", clinicId,
                referralId, practitionerId, direction, on, treatingName, treatingCredentials) == 1;
        if (first) {
            history.countReferral(clinicId, practitionerId, direction, on);
        }
        return first;
    }

    /** Who signs for a referral: its treating clinician, when the referral named one. */
    public Optional<Signature> signatureFor(String clinicId, String referralId, String clinicName) {
        return jdbc.query("SELECT treating_name, treating_credentials FROM referral_fact WHERE clinic_id = ? "
                        + "AND referral_id = ? AND treating_name IS NOT NULL",
                rs -> new Signature(rs.getString(1), rs.getString(2), clinicName), clinicId, referralId)
                .stream().findFirst();
    }

    /** The days referrals in {@code direction} happened with this partner, oldest first. */
    public List<LocalDate> dates(String clinicId, String practitionerId, String direction) {
        return jdbc.query("SELECT occurred_on FROM referral_fact WHERE clinic_id = ? AND practitioner_id = ? "
                        + "AND direction = ? ORDER BY occurred_on", rs -> rs.getDate(1).toLocalDate(),
                clinicId, practitionerId, direction);
    }
}
