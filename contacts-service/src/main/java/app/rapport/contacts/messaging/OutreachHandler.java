package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * What outreach tells the directory about a relationship (ADR 0103): a task done is the latest
 * contact and makes a prospect CONTACTED; a check-in proposed by the quiet-partner rule means the
 * partner went DORMANT. Every other task outreach creates says nothing about how warm they are.
 */
@Singleton
public class OutreachHandler implements EventHandler<InboundActivity.OutreachActivity> {

    /** outreach-service's {@code DormantRule.ruleName()}, named on the CHECK_IN tasks it proposes. */
    static final String QUIET_PARTNER_RULE = "Dormant";
    static final String CHECK_IN = "CHECK_IN";

    private final PractitionerDirectory directory;

    public OutreachHandler(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        // The name it had when it only kept the last contact: a new name would replay the topic.
        return "contacts-service.outreach";
    }

    @Override
    public Map<String, Class<? extends InboundActivity.OutreachActivity>> payloadTypes() {
        return Map.of(EventTypes.OUTREACH_TASK_COMPLETED, InboundActivity.OutreachTaskCompleted.class,
                EventTypes.OUTREACH_TASK_CREATED, InboundActivity.OutreachTaskCreated.class);
    }

    @Override
    public void apply(InboundEvent<InboundActivity.OutreachActivity> event) {
        if (event.payload() instanceof InboundActivity.OutreachTaskCompleted done) {
            directory.outreachDone(event.clinicId(), done.practitionerId(), done.occurredAt());
        } else if (event.payload() instanceof InboundActivity.OutreachTaskCreated created
                && CHECK_IN.equals(created.type()) && QUIET_PARTNER_RULE.equals(created.rule())) {
            directory.wentQuiet(event.clinicId(), created.practitionerId(),
                    "Quiet much longer than usual: outreach proposed a check-in");
        }
    }
}
