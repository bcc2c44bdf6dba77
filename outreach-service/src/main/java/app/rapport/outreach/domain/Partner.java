package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * A referral partner as outreach knows them: the local copy of contacts-service's snapshot.
 * Read-only to rules and channels. {@code npi} (when known) is how the group recognises one
 * physician listed by several of its clinics.
 */
public record Partner(String clinicId, String id, String firstName, String lastName, @Nullable String credentials,
                      @Nullable String npi, String specialty, @Nullable String organization, @Nullable String email, @Nullable String phone,
                      @Nullable String postalAddress, String preferredChannel, String stage, boolean physician,
                      boolean archived, long version, Instant firstSeenAt) {

    /** "Dr. Maya Okafor" for physicians, "Hannah Lind, CD(DONA)" otherwise: how a card addresses them. */
    public String displayName() {
        if (physician) {
            return "Dr. " + firstName + " " + lastName;
        }
        return credentials == null || credentials.isBlank() ? firstName + " " + lastName
                : firstName + " " + lastName + ", " + credentials;
    }

    /** "Dr. Okafor" or "Hannah": the salutation. */
    public String salutationName() {
        return physician ? "Dr. " + lastName : firstName;
    }
}
