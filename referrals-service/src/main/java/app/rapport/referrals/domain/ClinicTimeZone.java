package app.rapport.referrals.domain;

import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A clinic's time zone as its latest profile (contacts-service's ClinicProfileUpdated) gives it. */
@MappedEntity("clinic_time_zone")
public record ClinicTimeZone(@Id String clinicId, String timeZone, long version, Instant updatedAt)
        implements LocalCopy.Snapshot<ClinicTimeZone> {
}
