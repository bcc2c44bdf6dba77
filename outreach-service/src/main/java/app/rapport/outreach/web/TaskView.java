package app.rapport.outreach.web;

import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A task as staff see it. {@code overdue}: still to do and its due day has passed (clinic time).
 * {@code version}: what to send back in {@code If-Match} when acting on it (also the ETag).
 */
@Serdeable
public record TaskView(String id, String type, String status, String practitionerId, @Nullable String referralId,
                       String channel, boolean channelProvisional, String dueOn, boolean overdue,
                       @Nullable String rule, @Nullable String note, @Nullable String offer,
                       @Nullable String outcome, @Nullable String skipReason, @Nullable String deliveredAt,
                       @Nullable String completedAt, String createdAt, long version) {

    public static TaskView of(OutreachTask t, LocalDate today) {
        boolean open = t.getStatus() == TaskStatus.OPEN || t.getStatus() == TaskStatus.PROPOSED;
        return new TaskView(t.getId(), t.getType().name(), t.getStatus().name(), t.getPractitionerId(),
                t.getReferralId(), t.getChannel().name(), t.isChannelProvisional(), t.getDueOn().toString(),
                open && t.getDueOn().isBefore(today), t.getRule(), t.getNote(),
                t.getOffer() == null ? null : t.getOffer().name(), t.getOutcome(), t.getSkipReason(),
                str(t.getDeliveredAt()), str(t.getCompletedAt()), str(t.getCreatedAt()), t.getVersion());
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }
}
