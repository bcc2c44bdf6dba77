package app.rapport.contacts.domain;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A clinic's own focus → specialties entry: an override of a default, or a focus it defined.
 * {@code version} counts its saves (0 = the built-in default, never saved).
 */
@MappedEntity("target_focus")
public record TargetFocus(@Id String id, String clinicId, String focus, String specialties, String updatedBy,
                          java.time.Instant updatedAt, long version) {
}
