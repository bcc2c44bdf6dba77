package app.rapport.reports.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;

/** outreach.activities.v1: only completed tasks matter here (thank-you turnaround). */
public final class OutreachEvents {

    private OutreachEvents() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCompleted(@NotBlank String taskId, @NotBlank String type, @NotBlank String practitionerId,
                                        @Nullable String referralId, @NotBlank String channel, @NotNull LocalDate dueOn,
                                        @NotNull Instant occurredAt) {
    }
}
