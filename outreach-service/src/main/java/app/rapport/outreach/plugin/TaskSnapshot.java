package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.InvitationOffer;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.time.LocalDate;

/** A task as plugins see it: read-only. */
public record TaskSnapshot(String id, TaskType type, TaskStatus status, String practitionerId,
                           @Nullable String referralId, OutreachChannel channel, LocalDate dueOn,
                           @Nullable String rule, @Nullable String note, @Nullable InvitationOffer offer,
                           Instant createdAt, @Nullable Instant completedAt) {

    public static TaskSnapshot of(OutreachTask t) {
        return new TaskSnapshot(t.getId(), t.getType(), t.getStatus(), t.getPractitionerId(), t.getReferralId(),
                t.getChannel(), t.getDueOn(), t.getRule(), t.getNote(), t.getOffer(), t.getCreatedAt(),
                t.getCompletedAt());
    }
}
