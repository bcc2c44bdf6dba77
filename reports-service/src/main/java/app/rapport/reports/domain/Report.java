package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A report to one recipient about one referred patient. Its content is a JSON document ({@link ReportContent}).
 * {@code version} counts every change (the ETag); {@code sendingSince} is when a send claimed it.
 */
@MappedEntity("report")
public record Report(@Id String id, String clinicId, String referralId, String practitionerId,
                     RecipientRole recipientRole, ReportType type, int sequenceNumber, ReportStatus status,
                     String patientReference, @Nullable String content, Instant queuedAt, Instant updatedAt,
                     @Nullable Instant sentAt, @Nullable ReportChannel sentChannel, @Nullable String consentId,
                     @Nullable Instant sendingSince, long version) {

    /** Whether its content may still change: a report being sent, sent, or maybe sent is what was disclosed. */
    public boolean editable() {
        return status == ReportStatus.AWAITING_CONSENT || status == ReportStatus.DRAFT;
    }
}
