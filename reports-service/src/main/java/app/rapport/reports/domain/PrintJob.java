package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A sent report or letter waiting to be printed and mailed or handed over, or, when
 * {@code faxByHand}, faxed by hand to {@code faxNumber} (null when the partner has none on file).
 */
@MappedEntity("print_job")
public record PrintJob(@Id String id, String clinicId, @Nullable String reportId, String recipientName, Instant queuedAt,
                       @Nullable Instant printedAt, @Nullable String printedBy, @Nullable String letterId,
                       @Nullable String statusUpdateId, boolean faxByHand, @Nullable String faxNumber) {
}
