package app.rapport.referrals.web;

import app.rapport.referrals.domain.Channel;
import app.rapport.referrals.domain.Direction;
import app.rapport.referrals.domain.Kind;
import app.rapport.referrals.domain.ReferralDraft;
import app.rapport.referrals.domain.ReferralStatus;
import app.rapport.referrals.domain.Urgency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;

/** Request bodies of the referral endpoints. */
public final class ReferralRequests {

    public static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private ReferralRequests() {
    }

    /** {@code POST /api/v1/referrals}. */
    @Serdeable
    public record NewReferral(@NotNull Direction direction,
                              @Nullable Kind kind,
                              @NotBlank @Pattern(regexp = UUID, message = "must be a lowercase UUID") String practitionerId,
                              @NotNull @Valid PatientBody patient,
                              @NotBlank @Size(max = 2000) String reason,
                              @Nullable List<String> diagnosisCodes,
                              @Nullable @Size(max = 200) String requestedService,
                              @Nullable Urgency urgency,
                              @Nullable Channel channel,
                              @Nullable LocalDate referredOn,
                              @Nullable @Valid TreatingBody treatingPractitioner,
                              @Nullable @Pattern(regexp = UUID, message = "must be a lowercase UUID") String primaryCarePractitionerId,
                              @Nullable @Size(max = 20) List<@Valid AttachmentBody> attachments) {
    }

    /** The minimum needed: a name and birth date to address the report, a phone or e-mail to reach them. */
    @Serdeable
    public record PatientBody(@NotBlank @Size(max = 100) String firstName,
                              @NotBlank @Size(max = 100) String lastName,
                              @NotNull @Past LocalDate birthDate,
                              // As people write it, "(206) 555-0142" too: the ledger stores it as E.164 or refuses it.
                              @Nullable @Size(max = 40) String phone,
                              @Nullable @Email @Size(max = 254) String email) {

        ReferralDraft.PatientDetails toDetails() {
            return new ReferralDraft.PatientDetails(firstName.trim(), lastName.trim(), birthDate, phone,
                    email == null ? null : email.trim());
        }

        @Override
        public String toString() {
            return "PatientBody[redacted]";
        }
    }

    @Serdeable
    public record TreatingBody(@Nullable @Size(max = 128) String id, @NotBlank @Size(max = 200) String name,
                               @Nullable @Size(max = 100) String credentials) {
    }

    @Serdeable
    public record AttachmentBody(@NotBlank @Size(max = 255) String fileName,
                                 @NotBlank @Size(max = 100) String contentType,
                                 @Nullable @Min(0) @Max(1_073_741_824L) Long sizeBytes,
                                 @Nullable @Size(max = 500) String description) {
    }

    /**
     * {@code POST /api/v1/referrals/{id}/transitions}.
     *
     * @param occurredOn the day it happened, when it is entered later (a referral taken over from paper);
     *                   absent means today
     */
    @Serdeable
    public record Transition(@NotNull ReferralStatus to, @Nullable @Size(max = 500) String reason,
                             @Nullable LocalDate occurredOn) {
    }
}
