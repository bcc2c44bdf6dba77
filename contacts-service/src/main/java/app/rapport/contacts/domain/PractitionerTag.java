package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A clinic's own label on a partner ("prenatal", "lunch-and-learn"), lower case; never leaves the service. */
@MappedEntity("practitioner_tag")
public record PractitionerTag(@Id @GeneratedValue @Nullable Long id, String clinicId, String practitionerId, String tag) {
}
