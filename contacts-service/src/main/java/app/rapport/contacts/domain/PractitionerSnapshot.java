package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A partner as the other services see them: everything they keep in their local copy of the
 * directory, and nothing else (notes, tags and owner never leave contacts-service). An edit that
 * leaves this unchanged is no event.
 */
@Serdeable
public record PractitionerSnapshot(String id, String firstName, String lastName, @Nullable String credentials,
                                   Specialty specialty, @Nullable String organization, @Nullable String npi,
                                   @Nullable String email, @Nullable String phone, @Nullable String fax,
                                   @Nullable PostalAddress address, ThankYouChannel preferredThankYouChannel,
                                   @Nullable ReportPreferences reportPreferences, RelationshipStage stage, boolean physician,
                                   boolean archived, int version) {

    public static PractitionerSnapshot of(Practitioner p) {
        return new PractitionerSnapshot(p.getId(), p.getFirstName(), p.getLastName(), p.getCredentials(), p.getSpecialty(),
                p.getOrganization(), p.getNpi(), p.getEmail(), p.getPhone(), p.getFax(), PostalAddress.of(p),
                p.getPreferredThankYouChannel(), ReportPreferences.of(p), p.getStage(), p.physician(), p.isArchived(),
                p.getVersion());
    }

    /** The same snapshot at another version, to compare what consumers would see before and after an edit. */
    public PractitionerSnapshot atVersion(int otherVersion) {
        return new PractitionerSnapshot(id, firstName, lastName, credentials, specialty, organization, npi, email, phone, fax,
                address, preferredThankYouChannel, reportPreferences, stage, physician, archived, otherVersion);
    }
}
