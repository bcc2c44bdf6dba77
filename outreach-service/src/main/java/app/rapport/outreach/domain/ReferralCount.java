package app.rapport.outreach.domain;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDate;

/**
 * A partner's running count of referrals in one direction and the latest day one happened (ADR 0016):
 * what the rules ask on every referral, without counting the partner's whole history.
 */
@MappedEntity("partner_referral_count")
public record ReferralCount(@EmbeddedId Key key, int referrals, LocalDate lastOn) {

    /** One count per clinic, partner and direction (RECEIVED or SENT). */
    @Embeddable
    public record Key(@MappedProperty("clinic_id") String clinicId, @MappedProperty("practitioner_id") String practitionerId,
                      @MappedProperty("direction") String direction) {
    }
}
