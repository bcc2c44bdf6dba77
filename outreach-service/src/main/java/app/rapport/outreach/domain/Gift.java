package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One gift in the ledger: what, to whom, worth how much, counted against which year's cap. */
@MappedEntity("gift")
public record Gift(@Id String id, String clinicId, String practitionerId, @Nullable String taskId, GiftKind kind,
                   @Nullable String description, BigDecimal amount, String currency, LocalDate givenOn,
                   @MappedProperty("gift_year") int year, String recordedBy, Instant recordedAt) {
}
