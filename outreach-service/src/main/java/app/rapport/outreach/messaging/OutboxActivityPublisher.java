package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.ActivityPublisher;
import app.rapport.outreach.domain.Gift;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Records each task change and gift in the outbox, inside the transaction that made it. */
@Singleton
public class OutboxActivityPublisher implements ActivityPublisher {

    private final Outbox outbox;

    public OutboxActivityPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void created(OutreachTask t) {
        task(t, EventTypes.OUTREACH_TASK_CREATED, new ActivityEvents.TaskCreated(t.getId(), t.getType().name(),
                t.getPractitionerId(), t.getReferralId(), t.getChannel().name(), t.getDueOn().toString(),
                t.getStatus().name(), t.getRule(), instant(t.getCreatedAt())));
    }

    @Override
    public void completed(OutreachTask t) {
        task(t, EventTypes.OUTREACH_TASK_COMPLETED, new ActivityEvents.TaskCompleted(t.getId(), t.getType().name(),
                t.getPractitionerId(), t.getReferralId(), t.getChannel().name(), t.getDueOn().toString(),
                t.getStatus().name(), t.getOutcome(), instant(t.getCompletedAt())));
    }

    @Override
    public void skipped(OutreachTask t) {
        task(t, EventTypes.OUTREACH_TASK_SKIPPED, new ActivityEvents.TaskSkipped(t.getId(), t.getType().name(),
                t.getPractitionerId(), t.getReferralId(), t.getChannel().name(), t.getDueOn().toString(),
                t.getStatus().name(), t.getSkipReason(), instant(t.getCompletedAt())));
    }

    @Override
    public void rescheduled(OutreachTask t, LocalDate previousDueOn, String reason, Instant at) {
        task(t, EventTypes.OUTREACH_TASK_RESCHEDULED, new ActivityEvents.TaskRescheduled(t.getId(),
                t.getType().name(), t.getPractitionerId(), t.getReferralId(), t.getChannel().name(),
                previousDueOn.toString(), t.getDueOn().toString(), t.getStatus().name(), reason, instant(at)));
    }

    @Override
    public void giftRecorded(Gift g) {
        outbox.record(g.clinicId(), "Gift", g.id(), EventTypes.GIFT_RECORDED, new ActivityEvents.GiftRecorded(g.id(),
                g.practitionerId(), g.taskId(), g.kind().name(), g.description(),
                new ActivityEvents.Money(g.amount().toPlainString(), g.currency()), g.givenOn().toString(), g.year(),
                g.reason()));
    }

    @Override
    public void giftReversed(Gift g) {
        outbox.record(g.clinicId(), "Gift", g.id(), EventTypes.GIFT_REVERSED, new ActivityEvents.GiftReversed(g.id(),
                g.practitionerId(), g.taskId(), new ActivityEvents.Money(g.amount().toPlainString(), g.currency()),
                g.year(), g.reversalReason(), g.reversedOn().toString()));
    }

    private void task(OutreachTask t, String type, Object payload) {
        outbox.record(t.getClinicId(), "OutreachTask", t.getId(), type, payload);
    }

    private static String instant(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
