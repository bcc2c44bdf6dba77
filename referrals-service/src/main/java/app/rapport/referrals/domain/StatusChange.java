package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One move of a referral's status: who (JWT subject, {@code intake} or {@code system}), when and why.
 * {@code occurredOn} is the day it happened when staff entered it later; otherwise the day of {@code changedAt}.
 */
@MappedEntity("referral_status_change")
public record StatusChange(@Id String id, String clinicId, String referralId, int step, @Nullable ReferralStatus fromStatus,
                           ReferralStatus toStatus, @Nullable String reason, String changedBy, Instant changedAt,
                           @Nullable LocalDate occurredOn) {

    /** Who changed a status when a partner's office submitted through an intake link. */
    public static final String INTAKE = "intake";
    /** Who changed a status when the service did it on its own (the first visit). */
    public static final String SYSTEM = "system";
}
