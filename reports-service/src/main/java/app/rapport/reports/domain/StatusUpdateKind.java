package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/** The moments of a received referral the referring practitioner hears about (StatusUpdateSent's {@code update}). */
public enum StatusUpdateKind {
    ACCEPTED, SCHEDULED, FIRST_VISIT, DECLINED, COMPLETED;

    /** The update a referral's move to {@code status} calls for; IN_TREATMENT, NO_SHOW, CANCELLED call for none. */
    public static Optional<StatusUpdateKind> forStatus(@Nullable String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status) {
            case "ACCEPTED" -> Optional.of(ACCEPTED);
            case "SCHEDULED" -> Optional.of(SCHEDULED);
            case "DECLINED" -> Optional.of(DECLINED);
            case "COMPLETED" -> Optional.of(COMPLETED);
            default -> Optional.empty();
        };
    }
}
