package app.rapport.referrals.web;

import app.rapport.referrals.domain.Attachment;
import app.rapport.referrals.domain.Channel;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Kind;
import app.rapport.referrals.domain.Partner;
import app.rapport.referrals.domain.Patient;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.domain.ReferralLedger;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.StatusChange;
import app.rapport.referrals.domain.Urgency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A referral as staff see it: with its patient, partner, attachments, full status history, its loop
 * (closed once the referrer heard back) and when the patient's PCP was first sent a report. {@code version}
 * is the referral's ETag, to send back in If-Match with a transition.
 */
@Serdeable
public record ReferralView(String id, Direction direction, Kind kind, PartnerRef practitioner, PatientView patient,
                           String reason, List<String> diagnosisCodes, @Nullable String requestedService,
                           Urgency urgency, Channel channel, LocalDate referredOn,
                           @Nullable TreatingView treatingPractitioner, @Nullable String primaryCarePractitionerId,
                           List<AttachmentView> attachments, ReferralStatus status,
                           List<ReferralStatus> allowedTransitions, List<HistoryEntry> history,
                           @Nullable LoopView loop, @Nullable String intakeLinkId, String createdBy,
                           Instant createdAt, @Nullable ReferrerContactView referrerContact,
                           @Nullable Instant pcpReportedAt, List<PossibleSamePatient> possibleSamePatients,
                           long version) {

    /**
     * Another patient on file with the same name and birth date, kept apart because an intake submission
     * gave other contact details (ADR 0205): staff judge whether it is the same person; nothing merges them.
     */
    @Serdeable
    public record PossibleSamePatient(String patientReference, @Nullable String phone, @Nullable String email,
                                      Instant knownSince) {
    }

    /** The person at the referring office who sent it through the intake form. */
    @Serdeable
    public record ReferrerContactView(String name, @Nullable String phone, @Nullable String email) {
    }

    @Serdeable
    public record PartnerRef(String id, @Nullable String name) {
    }

    @Serdeable
    public record PatientView(String reference, String firstName, String lastName, LocalDate birthDate,
                              @Nullable String phone, @Nullable String email) {
        @Override
        public String toString() {
            return "PatientView[" + reference + "]";
        }
    }

    @Serdeable
    public record TreatingView(@Nullable String id, String name, @Nullable String credentials) {
    }

    @Serdeable
    public record AttachmentView(String fileName, String contentType, @Nullable Long sizeBytes,
                                 @Nullable String description) {
    }

    @Serdeable
    public record HistoryEntry(@Nullable ReferralStatus from, ReferralStatus to, @Nullable String reason,
                               String changedBy, Instant changedAt, @Nullable LocalDate occurredOn) {
    }

    /**
     * The closed loop: when the referring practitioner first heard back, and how — a report
     * ({@code closedBy: REPORT}, {@code reportId}) or the status update saying the referral was declined
     * ({@code closedBy: STATUS_UPDATE}, {@code statusUpdateId}).
     */
    @Serdeable
    public record LoopView(Instant closedAt, String closedBy, @Nullable String reportId,
                           @Nullable String statusUpdateId, String sentToPractitionerId, String recipientRole,
                           String channel) {
        static final String BY_REPORT = "REPORT";
        static final String BY_STATUS_UPDATE = "STATUS_UPDATE";

        static LoopView of(Referral r) {
            return r.loopClosedAt() == null ? null : new LoopView(r.loopClosedAt(),
                    r.loopClosedStatusUpdateId() == null ? BY_REPORT : BY_STATUS_UPDATE, r.loopClosedReportId(),
                    r.loopClosedStatusUpdateId(), r.loopClosedToPractitionerId(), r.loopClosedRecipientRole(),
                    r.loopClosedChannel());
        }
    }

    public static ReferralView of(Referral r, @Nullable Partner partner, Patient patient, List<Attachment> attachments,
                                  List<StatusChange> history, List<Patient> sameNameAndBirthDate) {
        return new ReferralView(r.id(), r.direction(), r.kind(),
                new PartnerRef(r.practitionerId(), partner == null ? null : partner.displayName()),
                new PatientView(patient.id(), patient.firstName(), patient.lastName(), patient.birthDate(),
                        patient.phone(), patient.email()),
                r.reason(), r.diagnosisCodeList(), r.requestedService(), r.urgency(), r.channel(), r.referredOn(),
                r.treatingName() == null ? null : new TreatingView(r.treatingId(), r.treatingName(), r.treatingCredentials()),
                r.primaryCarePractitionerId(),
                attachments.stream().map(a -> new AttachmentView(a.fileName(), a.contentType(), a.sizeBytes(),
                        a.description())).toList(),
                r.status(), ReferralLedger.allowedNext(r),
                history.stream().map(h -> new HistoryEntry(h.fromStatus(), h.toStatus(), h.reason(), h.changedBy(),
                        h.changedAt(), h.occurredOn())).toList(),
                LoopView.of(r),
                r.intakeLinkId(), r.createdBy(), r.createdAt(),
                r.referrerContactName() == null ? null
                        : new ReferrerContactView(r.referrerContactName(), r.referrerContactPhone(), r.referrerContactEmail()),
                r.pcpReportedAt(),
                sameNameAndBirthDate.stream().filter(p -> !p.id().equals(patient.id()))
                        .map(p -> new PossibleSamePatient(p.id(), p.phone(), p.email(), p.createdAt())).toList(),
                r.version());
    }
}
