package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Keeps each partner's referral facts: how many referrals came from them and went to them, the
 * first and last dates, and REFERRING once they refer. Status changes and visits tell the
 * directory nothing about the relationship and are passed over.
 */
@Singleton
public class ReferralActivityHandler implements EventHandler {

    private final EventPayloads payloads;
    private final PractitionerDirectory directory;

    public ReferralActivityHandler(EventPayloads payloads, PractitionerDirectory directory) {
        this.payloads = payloads;
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.referrals";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REFERRAL_RECEIVED, EventTypes.REFERRAL_SENT);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (EventTypes.REFERRAL_RECEIVED.equals(event.type())) {
            var received = payloads.read(event, PartnerActivityPayloads.ReferralReceived.class);
            directory.referralReceived(event.clinicId(), received.practitionerId(), received.receivedOn());
        } else {
            var sent = payloads.read(event, PartnerActivityPayloads.ReferralSent.class);
            directory.referralSent(event.clinicId(), sent.practitionerId(), sent.sentOn());
        }
    }
}
