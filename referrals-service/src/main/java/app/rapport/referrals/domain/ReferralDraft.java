package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What is needed to open a referral, whoever supplies it (staff over the API, or a partner's intake link).
 * Without {@code referredOn} the referral is dated the clinic's today, in the clinic's time zone.
 */
public record ReferralDraft(Direction direction, Kind kind, String practitionerId, PatientDetails patient,
                            String reason, List<String> diagnosisCodes, @Nullable String requestedService,
                            Urgency urgency, Channel channel, @Nullable LocalDate referredOn,
                            @Nullable TreatingPractitioner treatingPractitioner,
                            @Nullable String primaryCarePractitionerId, List<AttachmentDetails> attachments,
                            @Nullable ReferrerContact referrerContact) {

    /** The person at the referring office to call back about the referral (not the patient). */
    public record ReferrerContact(String name, @Nullable String phone, @Nullable String email) {
    }

    public record PatientDetails(String firstName, String lastName, LocalDate birthDate, @Nullable String phone,
                                 @Nullable String email) {
        @Override
        public String toString() {
            return "PatientDetails[redacted]";
        }
    }

    public record TreatingPractitioner(@Nullable String id, String name, @Nullable String credentials) {
    }

    public record AttachmentDetails(String fileName, String contentType, @Nullable Long sizeBytes,
                                    @Nullable String description) {
    }
}
