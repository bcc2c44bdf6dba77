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

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every referral received earns a thank-you within two business days, on the partner's preferred
 * channel. When their snapshot has not arrived yet the clinic's default channel is used and
 * marked provisional; the directory consumer corrects it when the snapshot comes.
 */
@Singleton
public class ThankYouRule implements OutreachRule {

    static final int BUSINESS_DAYS_TO_THANK = 2;

    @Override
    public String name() {
        return "thank-you";
    }

    @Override
    public String ruleName() {
        return "ThankYou";
    }

    @Override
    public String description() {
        return "Thank the referring partner within two business days of each referral, on their preferred channel";
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
        Optional<Partner> partner = facts.partner(referral.practitionerId());
        OutreachChannel channel = partner.map(p -> OutreachChannel.fromThankYouPreference(p.preferredChannel()))
                .orElse(facts.settings().defaultThankYouChannel());
        return List.of(new TaskProposal(TaskType.THANK_YOU, referral.practitionerId(), referral.referralId(), channel,
                partner.isEmpty(), BusinessDays.add(referral.occurredOn(), BUSINESS_DAYS_TO_THANK), TaskStatus.OPEN,
                referral.referralId(), "Thank " + partner.map(Partner::displayName).orElse("the referring partner")
                        + " for the referral"));
    }
}
