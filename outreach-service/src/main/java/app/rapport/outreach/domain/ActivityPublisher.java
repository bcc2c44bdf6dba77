package app.rapport.outreach.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the domain announces to other services about tasks and gifts, inside the transaction that
 * made the change. The events themselves are built in {@code messaging/} (OutboxActivityPublisher),
 * so the domain knows its own state, not the wire format.
 */
public interface ActivityPublisher {

    void created(OutreachTask task);

    void completed(OutreachTask task);

    void skipped(OutreachTask task);

    /** Also used when the channel is corrected (previousDueOn = dueOn, the reason says so). */
    void rescheduled(OutreachTask task, LocalDate previousDueOn, String reason, Instant at);

    void giftRecorded(Gift gift);

    void giftReversed(Gift gift);
}
