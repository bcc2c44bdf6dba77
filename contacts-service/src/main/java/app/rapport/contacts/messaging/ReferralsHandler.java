package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventBatch;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import jakarta.inject.Singleton;

import java.util.List;
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
        directory.referrals(List.of(referral(event)));
    }

    /** A poll's referrals counted together: one locked read and one update per partner, not per referral. */
    @Override
    public void applyAll(EventBatch<InboundActivity.ReferralActivity> batch) {
        directory.referrals(batch.events().stream().map(ReferralsHandler::referral).toList());
    }

    private static PractitionerDirectory.Referral referral(InboundEvent<InboundActivity.ReferralActivity> event) {
        if (event.payload() instanceof InboundActivity.ReferralReceived received) {
            return new PractitionerDirectory.Referral(event.clinicId(), received.practitionerId(),
                    PractitionerDirectory.Referral.Direction.RECEIVED, received.receivedOn());
        }
        InboundActivity.ReferralSent sent = (InboundActivity.ReferralSent) event.payload();
        return new PractitionerDirectory.Referral(event.clinicId(), sent.practitionerId(),
                PractitionerDirectory.Referral.Direction.SENT, sent.sentOn());
    }
}
