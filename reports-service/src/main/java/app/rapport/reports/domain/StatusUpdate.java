package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A short update to the referring practitioner about their referral: no clinical detail, so no
 * consent. PENDING until the sender claims it (SENDING), SENT once delivered; a failed delivery
 * goes back to PENDING, and after {@link StatusUpdates#MAX_ATTEMPTS} it is FAILED. One whose sender
 * stopped mid-delivery is DELIVERY_UNCONFIRMED for staff, never sent again blindly (ADR 0407).
 *
 * @param reason the decline reason, for DECLINED only
 */
@MappedEntity("status_update")
public record StatusUpdate(@Id String id, String clinicId, String referralId, String practitionerId,
                           StatusUpdateKind kind, @Nullable String reason, LocalDate occurredOn, Status status,
                           int attempts, @Nullable String lastError, @Nullable ReportChannel channel,
                           Instant createdAt, Instant updatedAt, @Nullable Instant claimedAt,
                           @Nullable Instant sentAt) {

    public enum Status {
        PENDING, SENDING, SENT, FAILED, DELIVERY_UNCONFIRMED
    }
}
