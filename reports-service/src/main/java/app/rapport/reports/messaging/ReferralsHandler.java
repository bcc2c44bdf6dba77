package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.ReportQueue;
import app.rapport.reports.domain.StatusUpdateKind;
import app.rapport.reports.domain.StatusUpdates;
import app.rapport.reports.repository.ReferralRepository;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * referrals.referrals.v1: a received referral queues its reports (once {@link PatientsHandler}
 * has who the patient is, too), and its moves (and first visit) record status updates to the
 * referrer; every referral event feeds the analytics read models and the report cadence.
 */
@Singleton
public class ReferralsHandler implements EventHandler<InboundReferrals.ReferralActivity> {

    private final ReferralRepository referrals;
    private final ReportQueue queue;
    private final StatusUpdates statusUpdates;
    private final ClinicCalendar calendar;

    public ReferralsHandler(ReferralRepository referrals, ReportQueue queue,
                                 StatusUpdates statusUpdates, ClinicCalendar calendar) {
        this.statusUpdates = statusUpdates;
        this.calendar = calendar;
        this.referrals = referrals;
        this.queue = queue;
    }

    @Override
    public String consumerName() {
        return "reports-service.referrals";
    }

    @Override
    public Map<String, Class<? extends InboundReferrals.ReferralActivity>> payloadTypes() {
        return Map.of(EventTypes.REFERRAL_RECEIVED, InboundReferrals.ReferralReceived.class,
                EventTypes.REFERRAL_SENT, InboundReferrals.ReferralSent.class,
                EventTypes.REFERRAL_STATUS_CHANGED, InboundReferrals.ReferralStatusChanged.class,
                EventTypes.VISIT_RECORDED, InboundReferrals.VisitRecorded.class);
    }

    @Override
    public void apply(InboundEvent<InboundReferrals.ReferralActivity> event) {
        String clinic = event.clinicId();
        InboundReferrals.ReferralActivity payload = event.payload();
        if (payload instanceof InboundReferrals.ReferralReceived r) {
            var treating = r.treatingPractitioner();
            referrals.insert(new ReferralRecord(clinic, r.referralId(), "RECEIVED", r.kind(),
                    r.practitionerId(), r.status(), r.receivedOn(), null, r.requestedService(), List.of(),
                    r.primaryCarePractitionerId(), treating == null ? null : treating.name(),
                    treating == null ? null : treating.credentials(), r.patientReference(), null, null, null));
            // Its PatientReferred may have come first (another topic): then the reports go now.
            referrals.completeReceived(clinic, r.referralId()).ifPresent(queue::onReferralReceived);
        } else if (payload instanceof InboundReferrals.ReferralSent r) {
            referrals.insert(new ReferralRecord(clinic, r.referralId(), "SENT", r.kind(), r.practitionerId(),
                    r.status(), r.sentOn(), null, null, List.of(), null, null, null, null, null, null, null));
        } else if (payload instanceof InboundReferrals.ReferralStatusChanged r) {
            referrals.changeStatus(clinic, r.referralId(), r.to());
            if (r.direction() == null || "RECEIVED".equals(r.direction())) {
                // A backdated move (occurredOn) is dated on its own day, else on the clinic's day it was made.
                LocalDate on = r.occurredOn() != null ? r.occurredOn() : calendar.dayOf(clinic, r.changedAt());
                StatusUpdateKind.forStatus(r.to()).ifPresent(kind ->
                        statusUpdates.onReferralMoved(clinic, r.referralId(), kind, r.reason(), on));
            }
        } else if (payload instanceof InboundReferrals.VisitRecorded v) {
            referrals.recordVisit(clinic, v.visitId(), v.referralId(), v.practitionerId(), v.visitDate(), v.type(),
                    v.visitNumber(), v.billedAmount() == null ? null : new BigDecimal(v.billedAmount().amount()),
                    v.billedAmount() == null ? null : v.billedAmount().currency());
            if (v.visitNumber() == 1) {
                statusUpdates.onReferralMoved(clinic, v.referralId(), StatusUpdateKind.FIRST_VISIT, null, v.visitDate());
            }
        }
    }
}
