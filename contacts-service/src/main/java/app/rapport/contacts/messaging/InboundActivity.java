package app.rapport.contacts.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The parts of other services' events the directory needs. Everything else is ignored on purpose:
 * above all ReferralReceived's patient, which contacts-service never reads, keeps or logs.
 */
public final class InboundActivity {

    private InboundActivity() {
    }

    /** What {@link ReferralsHandler} reads: a referral either way. */
    public sealed interface ReferralActivity permits ReferralReceived, ReferralSent {
    }

    /** What {@link OutreachHandler} reads. */
    public sealed interface OutreachActivity permits OutreachTaskCompleted, OutreachTaskCreated {
    }

    /** What {@link ReportsHandler} reads: something sent to the partner. */
    public sealed interface Contact permits ReportSent, StatusUpdateSent {
        String practitionerId();

        Instant sentAt();
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralReceived(@NotBlank String referralId, @NotBlank String practitionerId,
                                   @NotNull LocalDate receivedOn) implements ReferralActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralSent(@NotBlank String referralId, @NotBlank String practitionerId, @NotNull LocalDate sentOn) implements ReferralActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCompleted(@NotBlank String taskId, @NotBlank String practitionerId,
                                        @NotNull Instant occurredAt) implements OutreachActivity {
    }

    /** {@code rule} names the outreach rule that proposed the task; absent for one staff created. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCreated(@NotBlank String taskId, @NotBlank String type, @NotBlank String practitionerId,
                                      @Nullable String rule, @NotNull Instant occurredAt) implements OutreachActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusUpdateSent(@NotBlank String updateId, @NotBlank String practitionerId, @NotNull Instant sentAt) implements Contact {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportSent(@NotBlank String reportId, @NotBlank String practitionerId, @NotNull Instant sentAt) implements Contact {
    }
}
