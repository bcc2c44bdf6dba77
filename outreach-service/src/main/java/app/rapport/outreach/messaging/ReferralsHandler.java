package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.RuleRunner;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.ReferralFact;
import app.rapport.outreach.repository.ReferralFactRepository;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.platform.inbox.PoisonEventException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Set;

/**
 * Referrals received and sent: counted for the rules (repeat referrers, usual gaps, reverse
 * referrals), then handed to the clinic's enabled rules.
 */
@Singleton
public class ReferralsHandler implements EventHandler {

    private final EventPayloads payloads;
    private final ReferralFactRepository referrals;
    private final RuleRunner rules;
    private final Clock clock;

    public ReferralsHandler(EventPayloads payloads, ReferralFactRepository referrals, RuleRunner rules, Clock clock) {
        this.payloads = payloads;
        this.referrals = referrals;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public String consumerName() {
        return "outreach-service.referrals";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REFERRAL_RECEIVED, EventTypes.REFERRAL_SENT);
    }

    @Override
    public void apply(EventEnvelope event) {
        ReferralPayload p = payloads.read(event, ReferralPayload.class);
        boolean received = EventTypes.REFERRAL_RECEIVED.equals(event.type());
        LocalDate on = received ? p.receivedOn() : p.sentOn();
        if (on == null) {
            throw new PoisonEventException(event.type() + " payload has no " + (received ? "receivedOn" : "sentOn"));
        }
        String direction = received ? ReferralFactRepository.RECEIVED : ReferralFactRepository.SENT;
        // Counted once per referral even if the same referral is replayed under a new event id;
        // the rules still run, and the task's unique occasion absorbs the repeat.
        var treating = p.treatingPractitioner();
        referrals.record(event.clinicId(), p.referralId(), p.practitionerId(), direction, on,
                treating == null ? null : treating.name(), treating == null ? null : treating.credentials());
        ReferralFact fact = new ReferralFact(p.referralId(), direction, p.kind() == null ? "REFERRAL" : p.kind(),
                p.practitionerId(), on);
        rules.onEvent(new OutreachEvent(event, fact), clock.instant());
    }
}
