package app.rapport.contacts.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Which reports and referral status updates a partner wants about the patients they referred, how
 * often and how: the next progress report falls due after {@code everyVisits} visits or
 * {@code everyWeeks} weeks. A list left out means the defaults; only an empty list means none, so
 * an empty list is written out, never dropped as serialisation does by default.
 */
@Serdeable
public record ReportPreferences(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<@NotNull ReportType> reports,
                                @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<@NotNull StatusUpdate> statusUpdates,
                                @Nullable @Min(1) Integer everyVisits,
                                @Nullable @Min(1) Integer everyWeeks,
                                @NotNull ReportChannel channel) {

    /** What a partner gets who did not say which reports: the plan of care and the discharge summary. */
    public static final List<ReportType> DEFAULT_REPORTS = List.of(ReportType.INITIAL, ReportType.DISCHARGE);
    /** What a partner hears about a referral when they did not say: every step. */
    public static final List<StatusUpdate> DEFAULT_STATUS_UPDATES = List.of(StatusUpdate.values());

    /**
     * How a list is kept in its column: NULL when the partner did not say (the default applies, and
     * follows it if it changes), an empty string when they asked for none, else the names.
     */
    /** The partner's preferences with the defaults filled in, so no consumer needs its own copy of them; null when none were set. */
    public static @Nullable ReportPreferences of(Practitioner p) {
        if (p.getReportChannel() == null) {
            return null;
        }
        return new ReportPreferences(
                fromColumn(p.getReportTypes(), ReportType.class, DEFAULT_REPORTS),
                fromColumn(p.getReportStatusUpdates(), StatusUpdate.class, DEFAULT_STATUS_UPDATES),
                p.getReportEveryVisits(), p.getReportEveryWeeks(), p.getReportChannel());
    }

    public static <E extends Enum<E>> @Nullable String toColumn(@Nullable List<E> values) {
        return values == null ? null
                : values.stream().distinct().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    /** The list a column holds; NULL (not stated, or stored before "none" could be told apart) is the default. */
    public static <E extends Enum<E>> List<E> fromColumn(@Nullable String column, Class<E> type, List<E> defaults) {
        if (column == null) {
            return defaults;
        }
        if (column.isBlank()) {
            return List.of();
        }
        return Arrays.stream(column.split(",")).map(name -> Enum.valueOf(type, name)).toList();
    }
}
