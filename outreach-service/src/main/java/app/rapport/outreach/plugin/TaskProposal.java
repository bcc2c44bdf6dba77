package app.rapport.outreach.plugin;

import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A task a rule wants. The service stores at most one task per rule and {@code occasion}, so a
 * redelivered event or a second check proposes nothing new.
 *
 * @param occasion           what makes this task unique for the rule, e.g. the referral id
 * @param channelProvisional true when the channel is a default because the partner's preference is
 *                           not known yet; it is corrected when their snapshot arrives
 * @param status             OPEN, or PROPOSED to wait for a person (gestures are always PROPOSED)
 * @param note               what to do, for staff
 */
public record TaskProposal(TaskType type, String practitionerId, @Nullable String referralId,
                           OutreachChannel channel, boolean channelProvisional, LocalDate dueOn, TaskStatus status,
                           String occasion, @Nullable String note) {

    public TaskProposal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(practitionerId, "practitionerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(dueOn, "dueOn");
        Objects.requireNonNull(occasion, "occasion");
        if (status != TaskStatus.OPEN && status != TaskStatus.PROPOSED) {
            throw new IllegalArgumentException("A rule proposes OPEN or PROPOSED tasks, not " + status);
        }
    }

    public static TaskProposal open(TaskType type, String practitionerId, @Nullable String referralId,
                                    OutreachChannel channel, LocalDate dueOn, String occasion, @Nullable String note) {
        return new TaskProposal(type, practitionerId, referralId, channel, false, dueOn, TaskStatus.OPEN, occasion, note);
    }
}
