package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One referral in the ledger, received from or sent to a partner. Its status moves only through
 * {@link ReferralStateMachine}; every move is a {@link StatusChange} row. The loop is closed when
 * the referring practitioner first heard back ({@code loopClosed*}): a report to them, or the status
 * update telling them it was declined. A report to the patient's PCP is kept as {@code pcpReportedAt}
 * and leaves the loop open.
 */
@MappedEntity("referral")
public record Referral(@Id String id,
                       String clinicId,
                       Direction direction,
                       Kind kind,
                       String practitionerId,
                       String patientId,
                       String reason,
                       @Nullable String diagnosisCodes,
                       @Nullable String requestedService,
                       Urgency urgency,
                       Channel channel,
                       LocalDate referredOn,
                       @Nullable String treatingId,
                       @Nullable String treatingName,
                       @Nullable String treatingCredentials,
                       @Nullable String primaryCarePractitionerId,
                       @Nullable String intakeLinkId,
                       ReferralStatus status,
                       @Nullable Instant loopClosedAt,
                       @Nullable String loopClosedReportId,
                       @Nullable String loopClosedToPractitionerId,
                       @Nullable String loopClosedRecipientRole,
                       @Nullable String loopClosedChannel,
                       String createdBy,
                       Instant createdAt,
                       Instant updatedAt,
                       @Nullable String referrerContactName,
                       @Nullable String referrerContactPhone,
                       @Nullable String referrerContactEmail,
                       @Nullable String loopClosedStatusUpdateId,
                       @Nullable Instant pcpReportedAt,
                       // Every change counts; update() writes only over the version it read (optimistic lock).
                       @Version long version) {

    /** Recipient roles of reports-service: only the referrer hearing back closes the loop. */
    public static final String REFERRING_PRACTITIONER = "REFERRING_PRACTITIONER";
    public static final String PRIMARY_CARE = "PRIMARY_CARE";

    public List<String> diagnosisCodeList() {
        return diagnosisCodes == null || diagnosisCodes.isBlank() ? List.of() : Arrays.asList(diagnosisCodes.split(","));
    }

    public static String joinCodes(@Nullable List<String> codes) {
        return codes == null || codes.isEmpty() ? null : String.join(",", codes);
    }

    /** The first message to the referrer closes the loop; a later one (or the same again) changes nothing. */
    public boolean loopWouldCloseEarlierAt(Instant at) {
        return loopClosedAt == null || at.isBefore(loopClosedAt);
    }

    public boolean pcpWouldBeReportedEarlierAt(Instant at) {
        return pcpReportedAt == null || at.isBefore(pcpReportedAt);
    }

    /** Closed by a report to the referring practitioner; {@code now} is when this service learnt it. */
    public Referral withLoopClosedByReport(Instant at, String reportId, String toPractitionerId, String reportChannel,
                                           Instant now) {
        return copy(at, reportId, null, toPractitionerId, REFERRING_PRACTITIONER, reportChannel, pcpReportedAt, now);
    }

    /** Closed by the status update telling the referrer it was declined: no report will follow a decline. */
    public Referral withLoopClosedByStatusUpdate(Instant at, String updateId, String toPractitionerId,
                                                 String updateChannel, Instant now) {
        return copy(at, null, updateId, toPractitionerId, REFERRING_PRACTITIONER, updateChannel, pcpReportedAt, now);
    }

    public Referral withPcpReportedAt(Instant at, Instant now) {
        return copy(loopClosedAt, loopClosedReportId, loopClosedStatusUpdateId, loopClosedToPractitionerId,
                loopClosedRecipientRole, loopClosedChannel, at, now);
    }

    private Referral copy(@Nullable Instant loopAt, @Nullable String reportId, @Nullable String updateId,
                          @Nullable String toPractitionerId, @Nullable String recipientRole, @Nullable String loopChannel,
                          @Nullable Instant pcpAt, Instant now) {
        return new Referral(id, clinicId, direction, kind, practitionerId, patientId, reason, diagnosisCodes,
                requestedService, urgency, channel, referredOn, treatingId, treatingName, treatingCredentials,
                primaryCarePractitionerId, intakeLinkId, status, loopAt, reportId, toPractitionerId, recipientRole,
                loopChannel, createdBy, createdAt, now, referrerContactName, referrerContactPhone,
                referrerContactEmail, updateId, pcpAt, version);
    }
}
