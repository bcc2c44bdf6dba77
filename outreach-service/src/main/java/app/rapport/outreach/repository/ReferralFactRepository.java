package app.rapport.outreach.repository;

import app.rapport.outreach.domain.CountedReferral;
import app.rapport.outreach.domain.Signature;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The referrals the rules count, in both directions, and each partner's running count of them
 * (read through {@link PartnerHistory}).
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface ReferralFactRepository extends GenericRepository<CountedReferral, CountedReferral.Key> {

    String RECEIVED = "RECEIVED";
    String SENT = "SENT";

    /**
     * Records the referral and raises the partner's running count with it, in the caller's
     * transaction, so the count and the referrals never disagree. In a consumer's batch the counts
     * are raised once per partner when the batch is applied ({@link PendingReferralCounts}); what
     * the batch's rules read of them includes its own referrals.
     *
     * @return false when the referral was already counted (a replay of the same referral)
     */
    default boolean record(String clinicId, String referralId, String practitionerId, String direction, LocalDate on,
                           @Nullable String treatingName, @Nullable String treatingCredentials) {
        boolean first = insertUnlessRecorded(clinicId, referralId, practitionerId, direction, on, treatingName,
                treatingCredentials) == 1;
        if (first) {
            PendingReferralCounts.inThisBatch(this).ifPresentOrElse(
                    pending -> pending.add(clinicId, practitionerId, direction, on),
                    () -> countReferrals(clinicId, practitionerId, direction, 1, on));
        }
        return first;
    }

    /** The referral, unless it is recorded already: 1 when inserted, 0 for a replay. */
    @Query("INSERT IGNORE INTO referral_fact (clinic_id, referral_id, practitioner_id, direction, occurred_on, "
            + "treating_name, treating_credentials) VALUES (:clinicId, :referralId, :practitionerId, :direction, :on, "
            + ":treatingName, :treatingCredentials)")
    long insertUnlessRecorded(String clinicId, String referralId, String practitionerId, String direction, LocalDate on,
                              @Nullable String treatingName, @Nullable String treatingCredentials);

    /**
     * Counts {@code referrals} more referrals with the partner, the latest on {@code on} (ADR 0016).
     * Called only for referrals first recorded (a replay is not counted again): see {@link #record}.
     */
    @Query("INSERT INTO partner_referral_count (clinic_id, practitioner_id, direction, referrals, last_on) "
            + "VALUES (:clinicId, :practitionerId, :direction, :referrals, :on) ON DUPLICATE KEY UPDATE "
            + "referrals = referrals + VALUES(referrals), last_on = GREATEST(last_on, VALUES(last_on))")
    void countReferrals(String clinicId, String practitionerId, String direction, int referrals, LocalDate on);

    Optional<CountedReferral> findById(CountedReferral.Key key);

    /** Who signs for a referral: its treating clinician, when the referral named one. */
    default Optional<Signature> signatureFor(String clinicId, String referralId, String clinicName) {
        return findById(new CountedReferral.Key(clinicId, referralId)).filter(r -> r.treatingName() != null)
                .map(r -> new Signature(r.treatingName(), r.treatingCredentials(), clinicName));
    }

    /** The days referrals in {@code direction} happened with this partner, oldest first. */
    @Query("SELECT occurred_on FROM referral_fact WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
            + "AND direction = :direction ORDER BY occurred_on")
    List<LocalDate> dates(String clinicId, String practitionerId, String direction);
}
