package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The local copy of a directory practitioner: a report's recipient, kept from contacts' snapshots.
 *
 * @param statusUpdates the kinds of status update they asked for, comma-separated; null when their
 *                      preferences did not say (all five), empty for none
 * @param address       their postal address, for the envelope of printed records; null when unknown
 */
public record Practitioner(String clinicId, String id, String firstName, String lastName, @Nullable String credentials,
                           String specialty, @Nullable String organization, @Nullable String email,
                           @Nullable String fax, boolean hasReportPreferences, @Nullable String reportTypes,
                           @Nullable Integer everyVisits, @Nullable Integer everyWeeks,
                           @Nullable ReportChannel reportChannel, boolean archived, int version,
                           @Nullable String statusUpdates, @Nullable PostalAddress address) {

    /** "Maya Okafor, MD, FACOG", for letters and the disclosure log. */
    public String displayName() {
        return firstName + " " + lastName + (credentials == null || credentials.isBlank() ? "" : ", " + credentials);
    }

    public Set<ReportType> wantedReports() {
        if (reportTypes == null || reportTypes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(reportTypes.split(",")).map(ReportType::valueOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The status updates they want: all five unless their preferences name which (an empty list: none). */
    public Set<StatusUpdateKind> wantedStatusUpdates() {
        if (statusUpdates == null) {
            return EnumSet.allOf(StatusUpdateKind.class);
        }
        if (statusUpdates.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(statusUpdates.split(",")).map(StatusUpdateKind::valueOf)
                .collect(Collectors.toUnmodifiableSet());
    }
}
