package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.platform.events.EventTypes;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Several referrals from one partner within a window suggest a relationship gesture. Only a
 * suggestion: the task is PROPOSED, a person decides, and approving it goes through the gift
 * ledger (yearly cap, no cash). For physicians the note says so, because a gift must not depend
 * on the volume or value of referrals.
 */
@Singleton
public class RepeatReferrerRule implements OutreachRule {

    @Override
    public String name() {
        return "repeat-referrer";
    }

    @Override
    public String ruleName() {
        return "RepeatReferrer";
    }

    @Override
    public String description() {
        return "Suggest a gesture (lunch, flowers, gift basket) for a partner who referred several patients recently; "
                + "a person approves it through the gift ledger";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REFERRAL_RECEIVED);
    }

    @Override
    public List<TaskProposal> onEvent(OutreachEvent event, OutreachFacts facts) {
        var referral = event.referral();
        if (referral == null || !referral.received()) {
            return List.of();
        }
        int window = facts.settings().repeatReferrerWindowDays();
        LocalDate since = referral.occurredOn().minusDays(window - 1L);
        long inWindow = facts.referralsReceivedFrom(referral.practitionerId()).stream()
                .filter(d -> !d.isBefore(since) && !d.isAfter(referral.occurredOn())).count();
        if (inWindow < facts.settings().repeatReferrerCount()) {
            return List.of();
        }
        // One suggestion per window: a gesture proposed within it already answers these referrals.
        boolean recentGesture = facts.tasks(referral.practitionerId(), TaskType.GESTURE).stream()
                .map(TaskSnapshot::createdAt)
                .anyMatch(created -> !created.isBefore(facts.now().minus(java.time.Duration.ofDays(window))));
        if (recentGesture) {
            return List.of();
        }
        boolean physician = facts.partner(referral.practitionerId()).map(Partner::physician).orElse(true);
        String note = inWindow + " referrals in " + window + " days: consider a gesture (lunch for the office, "
                + "flowers, a gift basket). Nothing is given until a person approves it and the gift ledger accepts it"
                + (physician ? "; for a physician the gift must stay under the yearly cap, never cash or a gift card, "
                + "and must not be sized by referrals." : ".");
        return List.of(new TaskProposal(TaskType.GESTURE, referral.practitionerId(), referral.referralId(),
                OutreachChannel.IN_PERSON, false, BusinessDays.add(referral.occurredOn(), 5), TaskStatus.PROPOSED,
                referral.referralId(), note));
    }
}
