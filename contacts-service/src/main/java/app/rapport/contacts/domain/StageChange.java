package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One step of a relationship's history: who moved it, when and why. Ordered by {@code version}
 * (the practitioner's snapshot version after the step), which two steps never share.
 */
@MappedEntity("practitioner_stage_change")
public record StageChange(@Id String id, String clinicId, String practitionerId, @Nullable RelationshipStage fromStage,
                          RelationshipStage toStage, @Nullable String reason, String changedBy, Instant changedAt,
                          int version) {
}
