package app.rapport.referrals.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * The parts of other services' events this service reads. Fields it does not need are ignored,
 * so a compatible addition upstream changes nothing here.
 */
public final class InboundEvents {

    private InboundEvents() {
    }

    /** Every practitioner event carries the whole snapshot; the local copy keeps what referrals need. */
    @Serdeable
    public record PractitionerEvent(@NotNull @Valid PractitionerSnapshot practitioner) {
    }

    @Serdeable
    public record PractitionerSnapshot(@NotBlank String id, @NotBlank String firstName, @NotBlank String lastName,
                                       @Nullable String credentials, @NotBlank String specialty,
                                       @Nullable String organization, boolean archived,
                                       @NotNull @Min(1) Long version) {
    }

    /** What {@link ReportsHandler} reads: a message sent to a partner about a referral. */
    public sealed interface SentAboutReferral permits ReportSent, StatusUpdateSent {
    }

    @Serdeable
    public record ReportSent(@NotBlank String reportId, @NotBlank String referralId, @NotBlank String practitionerId,
                             @NotBlank String recipientRole, @NotNull Instant sentAt, @NotBlank String channel) implements SentAboutReferral {
    }

    /** The referring practitioner was told where their referral stands; only {@code DECLINED} matters here. */
    @Serdeable
    public record StatusUpdateSent(@NotBlank String updateId, @NotBlank String referralId,
                                   @NotBlank String practitionerId, @NotBlank String update, @NotBlank String channel,
                                   @NotNull Instant sentAt) implements SentAboutReferral {
        public static final String DECLINED = "DECLINED";
    }

    /** The clinic's profile; this service keeps only its time zone, the highest version per clinic. */
    @Serdeable
    public record ClinicProfileUpdated(@NotBlank String profileId, @NotBlank String timeZone,
                                       @NotNull @Min(1) Long version) {
    }
}
