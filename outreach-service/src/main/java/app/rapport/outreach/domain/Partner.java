package app.rapport.outreach.domain;

import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Embeddable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;

/**
 * A referral partner as outreach knows them: the local copy of contacts-service's snapshot.
 * Read-only to rules and channels. {@code npi} (when known) is how the group recognises one
 * physician listed by several of its clinics.
 *
 * @param firstSeenAt when outreach first heard of the partner (prospects are reached longest known first);
 *                    a newer snapshot keeps it
 * @param updatedAt   when outreach stored the snapshot it holds
 */
@MappedEntity("partner")
public record Partner(@EmbeddedId Key key, String firstName, String lastName, @Nullable String credentials,
                      @Nullable String npi, String specialty, @Nullable String organization, @Nullable String email,
                      @Nullable String phone, @Nullable String postalAddress, String preferredChannel, String stage,
                      boolean physician, boolean archived, long version, Instant firstSeenAt, Instant updatedAt)
        implements LocalCopy.Snapshot<Partner> {

    /** A practitioner in one clinic's directory: the same person listed by two clinics is two partners. */
    @Embeddable
    public record Key(@MappedProperty("clinic_id") String clinicId, @MappedProperty("id") String id) {
    }

    public String clinicId() {
        return key.clinicId();
    }

    /** The practitioner's id in contacts-service. */
    public String id() {
        return key.id();
    }

    /** A newer snapshot replaces the stored one, except for when outreach first saw the partner. */
    @Override
    public Partner replacing(Partner stored) {
        return new Partner(key, firstName, lastName, credentials, npi, specialty, organization, email, phone,
                postalAddress, preferredChannel, stage, physician, archived, version, stored.firstSeenAt(), updatedAt);
    }

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
