package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.reports.repository.ReferralRepository;
import jakarta.inject.Singleton;

import java.util.Map;

/** outreach.activities.v1: completed thank-yous (turnaround per partner) and gifts (what a relationship cost). */
@Singleton
public class OutreachHandler implements EventHandler<InboundOutreach.OutreachActivity> {

    private final ReferralRepository store;

    public OutreachHandler(ReferralRepository store) {
        this.store = store;
    }

    @Override
    public String consumerName() {
        return "reports-service.outreach";
    }

    @Override
    public Map<String, Class<? extends InboundOutreach.OutreachActivity>> payloadTypes() {
        return Map.of(EventTypes.OUTREACH_TASK_COMPLETED, InboundOutreach.OutreachTaskCompleted.class,
                EventTypes.GIFT_RECORDED, InboundOutreach.GiftRecorded.class,
                EventTypes.GIFT_REVERSED, InboundOutreach.GiftReversed.class);
    }

    @Override
    public void apply(InboundEvent<InboundOutreach.OutreachActivity> event) {
        if (event.payload() instanceof InboundOutreach.GiftRecorded g) {
            store.recordGift(event.clinicId(), g.giftId(), g.practitionerId(), g.value().amount(),
                    g.value().currency(), g.givenOn());
        } else if (event.payload() instanceof InboundOutreach.GiftReversed g) {
            store.reverseGift(event.clinicId(), g.giftId(), g.practitionerId(), g.value().amount(),
                    g.value().currency(), g.reversedOn());
        } else if (event.payload() instanceof InboundOutreach.OutreachTaskCompleted t && "THANK_YOU".equals(t.type())) {
            store.recordThankYou(event.clinicId(), t.taskId(), t.practitionerId(), t.referralId(), t.channel(),
                    t.dueOn(), t.occurredAt());
        }
    }
}
