package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A partner's door into the clinic: whoever holds the token may submit referrals from that
 * partner until it expires or is revoked. Only the token's SHA-256 is kept. {@code version} moves
 * with what staff do to the link (revoke), not with the counts its submissions keep.
 */
@MappedEntity("intake_link")
public record IntakeLink(@Id String id, String clinicId, String practitionerId, String tokenSha256,
                         @Nullable String label, Instant expiresAt, String createdBy, Instant createdAt,
                         @Nullable Instant revokedAt, @Nullable String revokedBy, @Nullable Instant windowStartedAt,
                         int windowCount, int submissions, @Nullable Instant lastSubmittedAt,
                         long version) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }
}
