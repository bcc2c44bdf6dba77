package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A letter about the patient of a received referral to a directory practitioner. What the
 * clinician writes is the patient's current condition, the treatment an inquiry asks about and
 * the question; the rest of the wording is fixed ({@link LetterWording}). A DRAFT until sent.
 */
@MappedEntity("letter")
public record Letter(@Id String id, String clinicId, String referralId, LetterKind kind, String practitionerId,
                     String patientReference, @Nullable String currentCondition, @Nullable String treatment,
                     String question, Status status, String writtenBy, Instant createdAt, Instant updatedAt,
                     @Nullable Instant sentAt, @Nullable ReportChannel sentChannel, @Nullable String consentId,
                     @Nullable Instant sendingSince, long version) {

    /** As a report's: SENDING while delivered, DELIVERY_UNCONFIRMED when nobody can tell whether it arrived (ADR 0407). */
    public enum Status { DRAFT, SENDING, SENT, DELIVERY_UNCONFIRMED }
}
