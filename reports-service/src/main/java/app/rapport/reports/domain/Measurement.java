package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One objective measurement of a received referral's patient, as taken at a visit: the source of a
 * report's measures table, chart and FHIR Observations. Changed only through {@link MeasurementLog}.
 *
 * @param measuredBy who took it (a name as the clinic writes it)
 * @param recordedBy the user who entered it; {@code correctedBy}/{@code correctedAt} the last correction
 */
@MappedEntity("measurement")
public record Measurement(@Id String id, String clinicId, String referralId, ObjectiveMeasure measure,
                          BigDecimal value, LocalDate measuredOn, String measuredBy, @Nullable Integer visitNumber,
                          String recordedBy, Instant recordedAt, @Nullable String correctedBy,
                          @Nullable Instant correctedAt, long version) {
}
