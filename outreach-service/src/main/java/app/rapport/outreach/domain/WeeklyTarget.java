package app.rapport.outreach.domain;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A clinic's own target of new practitioners contacted a week, as saved; without it the configured default applies. */
@MappedEntity("weekly_goal")
public record WeeklyTarget(@Id String clinicId, int target, String updatedBy, Instant updatedAt, long version) {
}
