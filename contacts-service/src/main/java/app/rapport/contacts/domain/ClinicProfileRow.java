package app.rapport.contacts.domain;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * The clinic profile as stored: one JSON document per clinic, read and written whole, and the
 * version ClinicProfileUpdated carries (it rises with every save).
 */
@MappedEntity("clinic_profile")
public record ClinicProfileRow(@Id String clinicId, String profile, String updatedBy, Instant updatedAt, int version) {
}
