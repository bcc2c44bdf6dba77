package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One gift in the ledger: what, to whom, worth how much, counted against which year's cap.
 *
 * @param reason         why a gift dated in another year than the current one was entered late
 * @param reversedOn     set when an invitation's offer was not taken up: the gift no longer counts
 * @param reversalReason INVITATION_DECLINED or INVITATION_SKIPPED
 */
@MappedEntity("gift")
public record Gift(@Id String id, String clinicId, String practitionerId, @Nullable String taskId, GiftKind kind,
                   @Nullable String description, BigDecimal amount, String currency, LocalDate givenOn,
                   @MappedProperty("gift_year") int year, String recordedBy, Instant recordedAt,
                   @Nullable String reason, @Nullable LocalDate reversedOn, @Nullable String reversalReason) {

    /** Why a gift came off the ledger (the contract's GiftReversed reason). */
    public enum Reversal { INVITATION_DECLINED, INVITATION_SKIPPED }

    public Gift reversed(LocalDate on, Reversal why) {
        return new Gift(id, clinicId, practitionerId, taskId, kind, description, amount, currency, givenOn, year,
                recordedBy, recordedAt, reason, on, why.name());
    }
}
