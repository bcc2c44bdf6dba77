package app.rapport.reports.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.reports.domain.ReportQueue;
import app.rapport.reports.repository.ReferralStore;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * referrals.patients.v1, the topic only this service may read (ADR 0206): who a received referral
 * is about and why, which the reports are addressed with and quote. It arrives before or after
 * the referral's ReferralReceived; whichever of the two comes second queues the reports.
 */
@Singleton
public class PatientDetailsHandler implements EventHandler {

    private final EventPayloads payloads;
    private final ReferralStore referrals;
    private final ReportQueue queue;

    public PatientDetailsHandler(EventPayloads payloads, ReferralStore referrals, ReportQueue queue) {
        this.payloads = payloads;
        this.referrals = referrals;
        this.queue = queue;
    }

    @Override
    public String consumerName() {
        return "reports-service.patients";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.PATIENT_REFERRED);
    }

    @Override
    public void apply(EventEnvelope event) {
        var p = payloads.read(event, ReferralEvents.PatientReferred.class);
        referrals.recordPatient(event.clinicId(), p.referralId(), p.patient().reference(), p.patient().firstName(),
                p.patient().lastName(), p.patient().birthDate(), p.reason(),
                p.diagnosisCodes() == null ? List.of() : p.diagnosisCodes());
        referrals.completeReceived(event.clinicId(), p.referralId()).ifPresent(queue::onReferralReceived);
    }
}
