package app.rapport.referrals.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The payloads this service publishes on referrals.referrals.v1, shaped exactly as
 * docs/asyncapi.yaml and the golden samples say, and on referrals.patients.v1 the one payload that
 * names a patient ({@link PatientReferred}), which only reports-service may read (ADR 0206).
 */
public final class ReferralEvents {

    private ReferralEvents() {
    }

    @Serdeable
    public record TreatingPractitioner(@Nullable String id, String name, @Nullable String credentials) {
    }

    /** Reference, name and birth date only: reports-service addresses the report and matches consents with them. */
    @Serdeable
    public record PatientRef(String reference, String firstName, String lastName, LocalDate birthDate) {
        @Override
        public String toString() {
            return "PatientRef[" + reference + "]";
        }
    }

    @Serdeable
    public record Money(String amount, String currency) {
    }

    /** The patient only as the pseudonymous reference: every consumer of the shared topic can read this. */
    @Serdeable
    public record ReferralReceived(String referralId, String direction, String kind, String practitionerId,
                                   String status, String urgency, String channel,
                                   @Nullable String requestedService, LocalDate receivedOn,
                                   @Nullable TreatingPractitioner treatingPractitioner,
                                   @Nullable String primaryCarePractitionerId, String patientReference) {
    }

    /** Who the referral is about and why: on referrals.patients.v1, for reports-service alone. */
    @Serdeable
    public record PatientReferred(String referralId, String reason, @Nullable List<String> diagnosisCodes,
                                  PatientRef patient) {
        @Override
        public String toString() {
            return "PatientReferred[" + referralId + " " + patient + "]";
        }
    }

    /** No patient, reason or codes: consumers only count and balance referrals per partner. */
    @Serdeable
    public record ReferralSent(String referralId, String direction, String kind, String practitionerId,
                               String status, String urgency, String channel, @Nullable String requestedService,
                               LocalDate sentOn, @Nullable TreatingPractitioner treatingPractitioner) {
    }

    @Serdeable
    public record ReferralStatusChanged(String referralId, String direction, String practitionerId, String from,
                                        String to, @Nullable String reason, String changedBy, Instant changedAt,
                                        @Nullable LocalDate occurredOn) {
    }

    @Serdeable
    public record VisitRecorded(String visitId, String referralId, String practitionerId, LocalDate visitDate,
                                String type, int visitNumber, @Nullable Money billedAmount) {
    }
}
