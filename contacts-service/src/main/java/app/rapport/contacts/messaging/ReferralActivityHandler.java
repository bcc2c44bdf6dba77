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
public class ReferralActivityHandler implements EventHandler<PartnerActivityPayloads.ReferralActivity> {

    private final PractitionerDirectory directory;

    public ReferralActivityHandler(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.referrals";
    }

    @Override
    public Map<String, Class<? extends PartnerActivityPayloads.ReferralActivity>> payloadTypes() {
        return Map.of(EventTypes.REFERRAL_RECEIVED, PartnerActivityPayloads.ReferralReceived.class,
                EventTypes.REFERRAL_SENT, PartnerActivityPayloads.ReferralSent.class);
    }

    @Override
    public void apply(InboundEvent<PartnerActivityPayloads.ReferralActivity> event) {
        if (event.payload() instanceof PartnerActivityPayloads.ReferralReceived received) {
            directory.referralReceived(event.clinicId(), received.practitionerId(), received.receivedOn());
        } else if (event.payload() instanceof PartnerActivityPayloads.ReferralSent sent) {
            directory.referralSent(event.clinicId(), sent.practitionerId(), sent.sentOn());
        }
    }
}
