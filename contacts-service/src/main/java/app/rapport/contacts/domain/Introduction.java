package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/** A partner introduced or recommended another practitioner ("who else do you trust?"). */
@MappedEntity("introduction")
public record Introduction(@Id String id, String clinicId, String practitionerId,
                           @MappedProperty("introduced_by_practitioner") String introducedByPractitionerId,
                           @Nullable String note, String recordedBy, Instant recordedAt) {
}
