package app.rapport.reports.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.reports.repository.ReferralStore;
import jakarta.inject.Singleton;

import java.util.Set;

/** outreach.activities.v1: completed thank-yous, for the thank-you turnaround per partner. */
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
        return Set.of(EventTypes.OUTREACH_TASK_COMPLETED);
    }

    @Override
    public void apply(EventEnvelope event) {
        OutreachEvents.OutreachTaskCompleted t = payloads.read(event, OutreachEvents.OutreachTaskCompleted.class);
        if ("THANK_YOU".equals(t.type())) {
            store.recordThankYou(event.clinicId(), t.taskId(), t.practitionerId(), t.referralId(), t.channel(),
                    t.dueOn(), t.occurredAt());
        }
    }
}
