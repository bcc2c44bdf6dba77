package app.rapport.reports.repository;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** A referral as this service keys it: ids are unique only within their clinic. */
@Embeddable
public record ReferralKey(@MappedProperty("clinic_id") String clinicId, @MappedProperty("id") String id) {
}
