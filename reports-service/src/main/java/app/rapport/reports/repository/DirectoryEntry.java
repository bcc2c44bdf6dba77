package app.rapport.reports.repository;

import app.rapport.platform.persistence.LocalCopy;
import app.rapport.reports.domain.PostalAddress;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/**
 * A {@code practitioner} row of the local directory copy, flat as the table holds it: the domain's
 * {@link Practitioner} nests the postal address, which is only there when its first line is.
 */
@MappedEntity("practitioner")
public record DirectoryEntry(@EmbeddedId DirectoryKey key, String firstName, String lastName,
                             @Nullable String credentials, String specialty, @Nullable String organization,
                             @Nullable String email, @Nullable String fax, boolean hasReportPreferences,
                             @Nullable String reportTypes, @Nullable Integer everyVisits,
                             @Nullable Integer everyWeeks, @Nullable ReportChannel reportChannel, boolean archived,
                             long version, @Nullable String statusUpdates,
                             @Nullable @MappedProperty("address_line1") String addressLine1,
                             @Nullable @MappedProperty("address_line2") String addressLine2,
                             @Nullable String city, @Nullable String region, @Nullable String postalCode,
                             @Nullable String country)
        implements LocalCopy.Snapshot<DirectoryEntry> {

    public static DirectoryEntry of(Practitioner p) {
        PostalAddress a = p.address();
        return new DirectoryEntry(new DirectoryKey(p.clinicId(), p.id()), p.firstName(), p.lastName(), p.credentials(),
                p.specialty(), p.organization(), p.email(), p.fax(), p.hasReportPreferences(), p.reportTypes(),
                p.everyVisits(), p.everyWeeks(), p.reportChannel(), p.archived(), p.version(), p.statusUpdates(),
                a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.city(),
                a == null ? null : a.region(), a == null ? null : a.postalCode(), a == null ? null : a.country());
    }

    public Practitioner practitioner() {
        return new Practitioner(key.clinicId(), key.practitionerId(), firstName, lastName, credentials, specialty,
                organization, email, fax, hasReportPreferences, reportTypes, everyVisits, everyWeeks, reportChannel,
                archived, (int) version, statusUpdates, addressLine1 == null ? null
                : new PostalAddress(addressLine1, addressLine2, city, region, postalCode, country));
    }
}
