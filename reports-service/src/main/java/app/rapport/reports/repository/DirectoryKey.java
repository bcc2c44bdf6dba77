package app.rapport.reports.repository;

import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.MappedProperty;

/** A practitioner in a clinic's directory copy: the same practitioner id may be known to two clinics. */
@Embeddable
public record DirectoryKey(@MappedProperty("clinic_id") String clinicId, @MappedProperty("id") String practitionerId) {
}
