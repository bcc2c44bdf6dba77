package app.rapport.reports.repository;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.EmbeddedId;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDate;

/**
 * The {@code referral} row as ReferralReceived or ReferralSent told it. Written by
 * {@link ReferralRepository}'s guarded inserts; read joined with who the patient is, as a
 * {@link ReferralRow}.
 */
@MappedEntity("referral")
public record ReferralEntry(@EmbeddedId ReferralKey key, String direction, String kind, String practitionerId,
                            String status, LocalDate referredOn, @Nullable String requestedService,
                            @Nullable String primaryCareId, @Nullable String treatingName,
                            @Nullable String treatingCredentials, @Nullable String patientReference) {
}
