package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The local copy of a directory practitioner: a report's recipient, kept from contacts' snapshots. */
public record Practitioner(String clinicId, String id, String firstName, String lastName, @Nullable String credentials,
                           String specialty, @Nullable String organization, @Nullable String email,
                           @Nullable String fax, boolean hasReportPreferences, @Nullable String reportTypes,
                           @Nullable Integer everyVisits, @Nullable Integer everyWeeks,
                           @Nullable ReportChannel reportChannel, boolean archived, int version) {

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
}
