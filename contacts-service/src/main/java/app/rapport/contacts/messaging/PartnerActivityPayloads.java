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
public final class PartnerActivityPayloads {

    private PartnerActivityPayloads() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralReceived(@NotBlank String referralId, @NotBlank String practitionerId,
                                   @NotNull LocalDate receivedOn) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReferralSent(@NotBlank String referralId, @NotBlank String practitionerId, @NotNull LocalDate sentOn) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCompleted(@NotBlank String taskId, @NotBlank String practitionerId,
                                        @NotNull Instant occurredAt) {
    }

    /** {@code rule} names the outreach rule that proposed the task; absent for one staff created. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCreated(@NotBlank String taskId, @NotBlank String type, @NotBlank String practitionerId,
                                      @Nullable String rule, @NotNull Instant occurredAt) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StatusUpdateSent(@NotBlank String updateId, @NotBlank String practitionerId, @NotNull Instant sentAt) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReportSent(@NotBlank String reportId, @NotBlank String practitionerId, @NotNull Instant sentAt) {
    }
}
