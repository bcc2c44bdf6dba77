package app.rapport.referrals.domain;

import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A practitioner in this clinic's local copy of the directory (from contacts.practitioners.v1).
 * Referrals may only name partners found here; archived partners receive no new referrals.
 */
@MappedEntity("partner")
public record Partner(@Id @GeneratedValue @Nullable Long seq, String clinicId, String practitionerId,
                      String firstName, String lastName, @Nullable String credentials, String specialty,
                      @Nullable String organization, boolean archived, long version, Instant updatedAt)
        implements LocalCopy.Snapshot<Partner> {

    /** The copy's own surrogate key is not in the event: the stored row's is kept. */
    @Override
    public Partner replacing(Partner stored) {
        return new Partner(stored.seq(), clinicId, practitionerId, firstName, lastName, credentials, specialty,
                organization, archived, version, updatedAt);
    }

    public String displayName() {
        return firstName + " " + lastName + (credentials == null || credentials.isBlank() ? "" : ", " + credentials);
    }
}
