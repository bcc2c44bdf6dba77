package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/**
 * Which reports a partner wants about the patients they referred, how often and how: the next
 * progress report falls due after {@code everyVisits} visits or {@code everyWeeks} weeks.
 */
@Serdeable
public record ReportPreferences(@Nullable List<@NotNull ReportType> reports,
                                @Nullable @Min(1) Integer everyVisits,
                                @Nullable @Min(1) Integer everyWeeks,
                                @NotNull ReportChannel channel) {
}
