package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.reports.domain.ReportQueue;
import app.rapport.reports.repository.ReferralRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * referrals.patients.v1, the topic only this service may read (ADR 0206): who a received referral
 * is about and why, which the reports are addressed with and quote. It arrives before or after
 * the referral's ReferralReceived; whichever of the two comes second queues the reports.
 */
@Singleton
public class PatientsHandler implements EventHandler<InboundReferrals.PatientReferred> {

    private final ReferralRepository referrals;
    private final ReportQueue queue;

    public PatientsHandler(ReferralRepository referrals, ReportQueue queue) {
        this.referrals = referrals;
        this.queue = queue;
    }

    @Override
    public String consumerName() {
        return "reports-service.patients";
    }

    @Override
    public Map<String, Class<? extends InboundReferrals.PatientReferred>> payloadTypes() {
        return Map.of(EventTypes.PATIENT_REFERRED, InboundReferrals.PatientReferred.class);
    }

    @Override
    public void apply(InboundEvent<InboundReferrals.PatientReferred> event) {
        var p = event.payload();
        referrals.recordPatient(event.clinicId(), p.referralId(), p.patient().reference(), p.patient().firstName(),
                p.patient().lastName(), p.patient().birthDate(), p.reason(),
                p.diagnosisCodes() == null ? List.of() : p.diagnosisCodes());
        referrals.completeReceived(event.clinicId(), p.referralId()).ifPresent(queue::onReferralReceived);
    }
}
