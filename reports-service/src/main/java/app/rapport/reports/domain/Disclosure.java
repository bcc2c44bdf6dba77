package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * One report, letter or status update that left the clinic: who sent what to whom, when, under
 * which consent; a status update needs none and names its {@code basis} instead.
 */
@MappedEntity("disclosure")
public record Disclosure(@Id String id, String clinicId, @Nullable String reportId, @Nullable ReportType reportType,
                         String patientReference, String practitionerId, String recipientName,
                         ReportChannel channel, @Nullable String address, @Nullable String consentId, String disclosedBy,
                         Instant disclosedAt, @Nullable String letterId, @Nullable LetterKind letterKind,
                         @Nullable String statusUpdateId, @Nullable StatusUpdateKind statusUpdate,
                         @Nullable String basis) {
}
