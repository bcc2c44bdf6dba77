package app.rapport.reports.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.reports.repository.ReferralStore;
import jakarta.inject.Singleton;

import java.util.Set;

/** outreach.activities.v1: completed thank-yous (turnaround per partner) and gifts (what a relationship cost). */
@Singleton
public class OutreachHandler implements EventHandler {

    private final EventPayloads payloads;
    private final ReferralStore store;

    public OutreachHandler(EventPayloads payloads, ReferralStore store) {
        this.payloads = payloads;
        this.store = store;
    }

    @Override
    public String consumerName() {
        return "reports-service.outreach";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.OUTREACH_TASK_COMPLETED, EventTypes.GIFT_RECORDED, EventTypes.GIFT_REVERSED);
    }

    @Override
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.GIFT_RECORDED -> {
                OutreachEvents.GiftRecorded g = payloads.read(event, OutreachEvents.GiftRecorded.class);
                store.recordGift(event.clinicId(), g.giftId(), g.practitionerId(), g.value().amount(),
                        g.value().currency(), g.givenOn());
            }
            case EventTypes.GIFT_REVERSED -> {
                OutreachEvents.GiftReversed g = payloads.read(event, OutreachEvents.GiftReversed.class);
                store.reverseGift(event.clinicId(), g.giftId(), g.practitionerId(), g.value().amount(),
                        g.value().currency(), g.reversedOn());
            }
            default -> {
                OutreachEvents.OutreachTaskCompleted t = payloads.read(event, OutreachEvents.OutreachTaskCompleted.class);
                if ("THANK_YOU".equals(t.type())) {
                    store.recordThankYou(event.clinicId(), t.taskId(), t.practitionerId(), t.referralId(), t.channel(),
                            t.dueOn(), t.occurredAt());
                }
            }
        }
    }
}
