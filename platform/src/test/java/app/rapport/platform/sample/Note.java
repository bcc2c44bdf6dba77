package app.rapport.platform.sample;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** The platform tests' sample aggregate. */
@io.micronaut.serde.annotation.Serdeable
@MappedEntity("test_note")
public record Note(@Id String id, String clinicId, String text) {
}
