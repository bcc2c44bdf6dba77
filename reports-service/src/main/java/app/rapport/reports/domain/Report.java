package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A report to one recipient about one referred patient. Its content is a JSON document ({@link ReportContent}). */
@MappedEntity("report")
public record Report(@Id String id, String clinicId, String referralId, String practitionerId,
                     RecipientRole recipientRole, ReportType type, int sequenceNumber, ReportStatus status,
                     String patientReference, @Nullable String content, Instant queuedAt, Instant updatedAt,
                     @Nullable Instant sentAt, @Nullable ReportChannel sentChannel, @Nullable String consentId) {

    public Report withStatus(ReportStatus newStatus, Instant at) {
        return new Report(id, clinicId, referralId, practitionerId, recipientRole, type, sequenceNumber, newStatus,
                patientReference, content, queuedAt, at, sentAt, sentChannel, consentId);
    }

    public Report withContent(String json, Instant at) {
        return new Report(id, clinicId, referralId, practitionerId, recipientRole, type, sequenceNumber, status,
                patientReference, json, queuedAt, at, sentAt, sentChannel, consentId);
    }

    public Report sent(Instant at, ReportChannel channel, String consent) {
        return new Report(id, clinicId, referralId, practitionerId, recipientRole, type, sequenceNumber,
                ReportStatus.SENT, patientReference, content, queuedAt, at, at, channel, consent);
    }
}
