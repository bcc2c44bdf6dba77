package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * What outreach tells the directory about a relationship (ADR 0103): a task done is the latest
 * contact and makes a prospect CONTACTED; a check-in proposed by the quiet-partner rule means the
 * partner went DORMANT. Every other task outreach creates says nothing about how warm they are.
 */
@Singleton
public class OutreachActivityHandler implements EventHandler {

    /** outreach-service's {@code DormantRule.ruleName()}, named on the CHECK_IN tasks it proposes. */
    static final String QUIET_PARTNER_RULE = "Dormant";
    static final String CHECK_IN = "CHECK_IN";

    private final EventPayloads payloads;
    private final PractitionerDirectory directory;

    public OutreachActivityHandler(EventPayloads payloads, PractitionerDirectory directory) {
        this.payloads = payloads;
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        // The name it had when it only kept the last contact: a new name would replay the topic.
        return "contacts-service.outreach";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.OUTREACH_TASK_COMPLETED, EventTypes.OUTREACH_TASK_CREATED);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (EventTypes.OUTREACH_TASK_COMPLETED.equals(event.type())) {
            taskDone(event, payloads.read(event, PartnerActivityPayloads.OutreachTaskCompleted.class));
        } else {
            taskCreated(event, payloads.read(event, PartnerActivityPayloads.OutreachTaskCreated.class));
        }
    }

    private void taskDone(EventEnvelope event, PartnerActivityPayloads.OutreachTaskCompleted done) {
        directory.outreachDone(event.clinicId(), done.practitionerId(), done.occurredAt());
    }

    private void taskCreated(EventEnvelope event, PartnerActivityPayloads.OutreachTaskCreated created) {
        if (CHECK_IN.equals(created.type()) && QUIET_PARTNER_RULE.equals(created.rule())) {
            directory.wentQuiet(event.clinicId(), created.practitionerId(),
                    "Quiet much longer than usual: outreach proposed a check-in");
        }
    }
}
