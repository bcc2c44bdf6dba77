package app.rapport.reports.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;

/** outreach.activities.v1: completed tasks (thank-you turnaround) and gifts given or reversed (spend per source). */
public final class InboundOutreach {

    private InboundOutreach() {
    }

    /** What {@link OutreachHandler} reads: a thank-you done, a gift recorded or reversed. */
    public sealed interface OutreachActivity permits OutreachTaskCompleted, GiftRecorded, GiftReversed {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OutreachTaskCompleted(@NotBlank String taskId, @NotBlank String type, @NotBlank String practitionerId,
                                        @Nullable String referralId, @NotBlank String channel, @NotNull LocalDate dueOn,
                                        @NotNull Instant occurredAt) implements OutreachActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Money(@NotNull java.math.BigDecimal amount, @NotBlank String currency) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GiftRecorded(@NotBlank String giftId, @NotBlank String practitionerId, @NotNull @jakarta.validation.Valid Money value,
                               @NotNull LocalDate givenOn) implements OutreachActivity {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GiftReversed(@NotBlank String giftId, @NotBlank String practitionerId, @NotNull @jakarta.validation.Valid Money value,
                               @NotNull LocalDate reversedOn) implements OutreachActivity {
    }
}
