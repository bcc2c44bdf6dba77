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
import app.rapport.platform.events.EventTypes;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A partner who refers again and again deserves more than the routine thank-you. For a physician
 * that is a personal thank-you from the clinician — a call, a letter, a visit — and never a gift:
 * a gift prompted by how often a physician refers would be tied to the volume of their referrals
 * (42 CFR 411.357(k), the Anti-Kickback Statute). For other partners it is a gesture that a person
 * approves through the gift ledger. Neither is sized by the number of referrals.
 */
@Singleton
public class RepeatReferrerRule implements OutreachRule {

    static final String PERSONAL_THANKS_NOTE = "A personal thank-you from the treating clinician: a call, a letter "
            + "or a visit to say how much the clinic values working together. It is never a gift: no meal, flowers or "
            + "present goes with it.";

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
        return "A personal thank-you from the clinician for a physician who refers again and again (never a gift); "
                + "for other partners a gesture a person approves through the gift ledger";
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
        int enough = facts.settings().repeatReferrerCount();
        if (facts.referralsReceivedFrom(referral.practitionerId(), since, referral.occurredOn(), enough) < enough) {
            return List.of();
        }
        Optional<Partner> partner = facts.partner(referral.practitionerId());
        // Unknown yet: treated as a physician, the cautious reading.
        boolean physician = partner.map(Partner::physician).orElse(true);
        TaskType type = physician ? TaskType.PERSONAL_THANKS : TaskType.GESTURE;
        // One per window: a thank-you of this kind proposed within it already answers these referrals.
        if (facts.taskCreatedSince(referral.practitionerId(), type, facts.now().minus(Duration.ofDays(window)))) {
            return List.of();
        }
        LocalDate due = BusinessDays.add(referral.occurredOn(), 5);
        if (physician) {
            return List.of(TaskProposal.open(TaskType.PERSONAL_THANKS, referral.practitionerId(), referral.referralId(),
                    personalChannel(partner), due, referral.referralId(), PERSONAL_THANKS_NOTE));
        }
        String allowance = facts.giftAllowance(referral.practitionerId())
                .map(a -> a.remaining().toPlainString() + " " + a.currency() + " of this year's gift allowance remain")
                .orElse("the yearly gift allowance applies");
        return List.of(new TaskProposal(TaskType.GESTURE, referral.practitionerId(), referral.referralId(),
                OutreachChannel.IN_PERSON, false, due, TaskStatus.PROPOSED, referral.referralId(),
                "Consider a gesture to thank them for working with us (lunch for the office, flowers, a gift basket); "
                        + allowance + ". Nothing is given until a person approves it and the gift ledger accepts it; "
                        + "never cash or a gift card."));
    }

    /**
     * The clinician's own voice on the channel the partner likes: a call for those who prefer the
     * phone, else a letter (a personal letter, not an e-mail, for those who prefer notes or e-mail).
     */
    static OutreachChannel personalChannel(Optional<Partner> partner) {
        return partner.map(p -> "PHONE".equals(p.preferredChannel()) ? OutreachChannel.PHONE : OutreachChannel.LETTER)
                .orElse(OutreachChannel.LETTER);
    }
}
