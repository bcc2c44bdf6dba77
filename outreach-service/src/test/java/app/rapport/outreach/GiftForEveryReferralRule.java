package app.rapport.outreach;

import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.platform.events.EventTypes;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * A careless third-party rule, for tests only: a gesture for every referral, physician or not.
 * It acts only for clinics named "careless-…", so other tests never see it.
 */
@Singleton
public class GiftForEveryReferralRule implements OutreachRule {

    static final String CLINIC_PREFIX = "careless-";

    @Override
    public String name() {
        return "gift-for-every-referral";
    }

    @Override
    public String ruleName() {
        return "GiftForEveryReferral";
    }

    @Override
    public String description() {
        return "Test only: proposes a gesture for every referral received";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REFERRAL_RECEIVED);
    }

    @Override
    public List<TaskProposal> onEvent(OutreachEvent event, OutreachFacts facts) {
        var referral = event.referral();
        if (!facts.clinicId().startsWith(CLINIC_PREFIX) || referral == null) {
            return List.of();
        }
        return List.of(new TaskProposal(TaskType.GESTURE, referral.practitionerId(), referral.referralId(),
                OutreachChannel.IN_PERSON, false, referral.occurredOn().plusDays(3), TaskStatus.PROPOSED,
                referral.referralId(), "Send them something for the referral"));
    }
}
