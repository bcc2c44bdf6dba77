package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Patient;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralPublisher;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.Visit;
import app.rapport.referrals.domain.VisitLog;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Records the referral ledger's events in the outbox, shaped as docs/asyncapi.yaml says, in the caller's transaction. */
@Singleton
public class OutboxReferralPublisher implements ReferralPublisher {

    static final String AGGREGATE = "Referral";

    private final Outbox outbox;

    public OutboxReferralPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void opened(Referral referral, @Nullable Patient patient) {
        String clinicId = referral.clinicId();
        ReferralEvents.TreatingPractitioner treating = referral.treatingName() == null ? null
                : new ReferralEvents.TreatingPractitioner(referral.treatingId(), referral.treatingName(),
                referral.treatingCredentials());
        if (referral.direction() == Direction.RECEIVED) {
            Objects.requireNonNull(patient, "a received referral has a patient");
            outbox.record(List.of(
                    new Outbox.Event(clinicId, AGGREGATE, referral.id(), EventTypes.REFERRAL_RECEIVED,
                            new ReferralEvents.ReferralReceived(referral.id(), Direction.RECEIVED.name(),
                                    referral.kind().name(), referral.practitionerId(), referral.status().name(),
                                    referral.urgency().name(), referral.channel().name(), referral.requestedService(),
                                    referral.referredOn(), treating, referral.primaryCarePractitionerId(),
                                    patient.id())),
                    // Same transaction, own topic: only reports-service may read who the patient is (ADR 0206).
                    new Outbox.Event(clinicId, AGGREGATE, referral.id(), EventTypes.PATIENT_REFERRED,
                            new ReferralEvents.PatientReferred(referral.id(), referral.reason(),
                                    referral.diagnosisCodeList(), new ReferralEvents.PatientRef(patient.id(),
                                    patient.firstName(), patient.lastName(), patient.birthDate())))));
        } else {
            outbox.record(clinicId, AGGREGATE, referral.id(), EventTypes.REFERRAL_SENT,
                    new ReferralEvents.ReferralSent(referral.id(), Direction.SENT.name(), referral.kind().name(),
                            referral.practitionerId(), referral.status().name(), referral.urgency().name(),
                            referral.channel().name(), referral.requestedService(), referral.referredOn(), treating));
        }
    }

    @Override
    public void moved(Referral referral, ReferralStatus to, @Nullable String reason, String actor, Instant at,
                      @Nullable LocalDate occurredOn) {
        outbox.record(referral.clinicId(), AGGREGATE, referral.id(), EventTypes.REFERRAL_STATUS_CHANGED,
                new ReferralEvents.ReferralStatusChanged(referral.id(), referral.direction().name(),
                        referral.practitionerId(), referral.status().name(), to.name(), reason, actor, at, occurredOn));
    }

    @Override
    public void visitRecorded(Referral referral, Visit visit) {
        ReferralEvents.Money billed = visit.billedAmount() == null ? null
                : new ReferralEvents.Money(VisitLog.amount(visit.billedAmount()), visit.currency());
        outbox.record(referral.clinicId(), AGGREGATE, referral.id(), EventTypes.VISIT_RECORDED,
                new ReferralEvents.VisitRecorded(visit.id(), referral.id(), referral.practitionerId(), visit.visitDate(),
                        visit.type().name(), visit.visitNumber(), billed));
    }
}
