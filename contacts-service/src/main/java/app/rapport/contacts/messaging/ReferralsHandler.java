package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Keeps each partner's referral facts: how many referrals came from them and went to them, the
 * first and last dates, and REFERRING once they refer. Status changes and visits tell the
 * directory nothing about the relationship and are passed over.
 */
@Singleton
public class ReferralsHandler implements EventHandler<InboundActivity.ReferralActivity> {

    private final PractitionerDirectory directory;

    public ReferralsHandler(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.referrals";
    }

    @Override
    public Map<String, Class<? extends InboundActivity.ReferralActivity>> payloadTypes() {
        return Map.of(EventTypes.REFERRAL_RECEIVED, InboundActivity.ReferralReceived.class,
                EventTypes.REFERRAL_SENT, InboundActivity.ReferralSent.class);
    }

    @Override
    public void apply(InboundEvent<InboundActivity.ReferralActivity> event) {
        if (event.payload() instanceof InboundActivity.ReferralReceived received) {
            directory.referralReceived(event.clinicId(), received.practitionerId(), received.receivedOn());
        } else if (event.payload() instanceof InboundActivity.ReferralSent sent) {
            directory.referralSent(event.clinicId(), sent.practitionerId(), sent.sentOn());
        }
    }
}
