package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
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
 * Refer to them first, then ask to meet: once the clinic has sent a partner N referrals, propose
 * an introduction meeting — once per partner.
 */
@Singleton
public class ReverseReferralRule implements OutreachRule {

    @Override
    public String name() {
        return "reverse-referral";
    }

    @Override
    public String ruleName() {
        return "ReverseReferral";
    }

    @Override
    public String description() {
        return "After the clinic has referred patients to a partner a few times, propose an introduction meeting";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REFERRAL_SENT);
    }

    @Override
    public List<TaskProposal> onEvent(OutreachEvent event, OutreachFacts facts) {
        var referral = event.referral();
        if (referral == null || referral.received()) {
            return List.of();
        }
        long sent = facts.referralsSentCount(referral.practitionerId());
        if (sent < facts.settings().reverseReferralCount()) {
            return List.of();
        }
        String who = facts.partner(referral.practitionerId()).map(Partner::displayName).orElse("the partner");
        // The occasion is the partner: one introduction meeting, however many referrals follow.
        return List.of(TaskProposal.open(TaskType.INTRO_MEETING, referral.practitionerId(), referral.referralId(),
                OutreachChannel.IN_PERSON, BusinessDays.add(referral.occurredOn(), 5), referral.practitionerId(),
                "We have referred " + sent + " patients to " + who + ": ask to meet and introduce the clinic"));
    }
}
