package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerSnapshot;
import app.rapport.contacts.domain.RelationshipStage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The payloads contacts-service publishes on {@code contacts.practitioners.v1}, shaped exactly as
 * {@code docs/asyncapi.yaml} and the golden samples. Notes, tags and owner never leave the service.
 */
public final class PractitionerEvents {

    private PractitionerEvents() {
    }

    @Serdeable
    public record PractitionerRegistered(PractitionerSnapshot practitioner, Instant registeredAt) {
    }

    @Serdeable
    public record PractitionerUpdated(PractitionerSnapshot practitioner, Instant updatedAt) {
    }

    @Serdeable
    public record PractitionerStageChanged(PractitionerSnapshot practitioner, RelationshipStage from, RelationshipStage to,
                                           @Nullable String reason, String changedBy, Instant changedAt) {
    }

    @Serdeable
    public record PractitionerArchived(PractitionerSnapshot practitioner, @Nullable String reason, Instant archivedAt) {
    }

    @Serdeable
    public record IntroductionRecorded(String introductionId, String practitionerId, String introducedByPractitionerId,
                                       @Nullable String note, Instant recordedAt) {
    }
}
