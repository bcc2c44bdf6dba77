package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.LocalDate;

/**
 * A referral as the rules count it, in either direction: who, which way, on what day, and the
 * clinician who treats the patient (who signs the thank-you).
 */
@MappedEntity("referral_fact")
public record CountedReferral(@EmbeddedId Key key, String practitionerId, String direction, LocalDate occurredOn,
                              @Nullable String treatingName, @Nullable String treatingCredentials) {

    /** A referral is counted once per clinic. */
    @Embeddable
    public record Key(@MappedProperty("clinic_id") String clinicId, @MappedProperty("referral_id") String referralId) {
    }
}
