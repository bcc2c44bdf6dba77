package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * One referral in the ledger, received from or sent to a partner. Its status moves only through
 * {@link ReferralStateMachine}; every move is a {@link StatusChange} row. The loop is closed when
 * reports-service says the first report for it went out ({@code loopClosed*}).
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
                       @Nullable String referrerContactEmail) {

    public List<String> diagnosisCodeList() {
        return diagnosisCodes == null || diagnosisCodes.isBlank() ? List.of() : Arrays.asList(diagnosisCodes.split(","));
    }

    public static String joinCodes(@Nullable List<String> codes) {
        return codes == null || codes.isEmpty() ? null : String.join(",", codes);
    }

    public Referral withLoopClosed(Instant at, String reportId, String toPractitionerId, String recipientRole,
                                   String reportChannel) {
        return new Referral(id, clinicId, direction, kind, practitionerId, patientId, reason, diagnosisCodes,
                requestedService, urgency, channel, referredOn, treatingId, treatingName, treatingCredentials,
                primaryCarePractitionerId, intakeLinkId, status, at, reportId, toPractitionerId, recipientRole, reportChannel,
                createdBy, createdAt, Instant.now(), referrerContactName, referrerContactPhone, referrerContactEmail);
    }
}
