package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.RuleRunner;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.ReferralFact;
import app.rapport.outreach.repository.ReferralFactRepository;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventBatch;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.inbox.PoisonEventException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/**
 * Referrals received and sent: counted for the rules (repeat referrers, usual gaps, reverse
 * referrals), then handed to the clinic's enabled rules.
 */
@Singleton
public class ReferralsHandler implements EventHandler<InboundReferral> {

    private final ReferralFactRepository referrals;
    private final RuleRunner rules;
    private final Clock clock;

    public ReferralsHandler(ReferralFactRepository referrals, RuleRunner rules, Clock clock) {
        this.referrals = referrals;
        this.rules = rules;
        this.clock = clock;
    }

    @Override
    public String consumerName() {
        return "outreach-service.referrals";
    }

    @Override
    public Map<String, Class<? extends InboundReferral>> payloadTypes() {
        return EventHandler.sameRecord(InboundReferral.class, EventTypes.REFERRAL_RECEIVED, EventTypes.REFERRAL_SENT);
    }

    @Override
    public void apply(InboundEvent<InboundReferral> event) {
        apply(event, rules.batch(clock.instant()));
    }

    /** A poll's referrals: the rules read each clinic's profile, settings and partners once for all of them. */
    @Override
    public void applyAll(EventBatch<InboundReferral> batch) {
        RuleRunner.Batch run = rules.batch(clock.instant());
        batch.forEach(event -> apply(event, run));
    }

    private void apply(InboundEvent<InboundReferral> event, RuleRunner.Batch run) {
        InboundReferral p = event.payload();
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
        run.onEvent(new OutreachEvent(event.envelope(), fact));
    }
}
