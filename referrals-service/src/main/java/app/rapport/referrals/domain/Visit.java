package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A referred patient's visit; {@code visitNumber} counts every visit recorded for the referral, from 1. */
@MappedEntity("visit")
public record Visit(@Id String id, String clinicId, String referralId, int visitNumber, LocalDate visitDate,
                    VisitType type, @Nullable BigDecimal billedAmount, @Nullable String currency, String source,
                    @Nullable String externalRef, String recordedBy, Instant recordedAt) {

    /** Source of visits recorded over the API rather than by a visit importer. */
    public static final String API = "api";
}
