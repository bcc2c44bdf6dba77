package app.rapport.outreach.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the outreach API. Enum-valued fields are strings checked by hand, to name the field. */
public final class Requests {

    private Requests() {
    }

    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    static final String DATE = "^\\d{4}-\\d{2}-\\d{2}$";

    /** What was done; the channel actually used if not the planned one. */
    @Serdeable
    public record Complete(@NotBlank @Size(max = 500) String outcome, @Nullable String channel) {
    }

    /** A skip's or a declined invitation's reason, in staff's words. */
    @Serdeable
    public record Skip(@NotBlank @Size(max = 500) String reason) {
    }

    @Serdeable
    public record Reschedule(@NotBlank @Pattern(regexp = DATE) String dueOn, @Nullable @Size(max = 500) String reason) {
    }

    /** Money as the wire carries it: a decimal string and an ISO 4217 code. */
    @Serdeable
    public record Money(@NotBlank @Pattern(regexp = "^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,2})?$") String amount,
                        @NotBlank @Pattern(regexp = "^[A-Z]{3}$") String currency) {
    }

    /** Approving a proposed gesture: the gift it becomes. */
    @Serdeable
    public record Approve(@NotBlank String kind, @Nullable @Size(max = 200) String description,
                          @Valid @NotNull Money value, @Nullable @Pattern(regexp = DATE) String givenOn,
                          @Nullable @Size(max = 500) String reason) {
    }

    @Serdeable
    public record NewGift(@NotBlank @Pattern(regexp = UUID) String practitionerId, @NotBlank String kind,
                          @Nullable @Size(max = 200) String description, @Valid @NotNull Money value,
                          @Nullable @Pattern(regexp = DATE) String givenOn, @Nullable @Size(max = 500) String reason) {
    }

    @Serdeable
    public record NewInvitation(@NotBlank @Pattern(regexp = UUID) String practitionerId, @NotBlank String offer,
                                @NotBlank String channel, @Nullable @Pattern(regexp = DATE) String dueOn,
                                @Nullable @Valid Money value) {
    }

    @Serdeable
    public record Template(@NotBlank @Size(max = 200) String subject, @NotBlank @Size(max = 10000) String body) {
    }

    @Serdeable
    public record WeeklyTarget(@NotNull @Min(0) @Max(50) Integer target) {
    }
}
