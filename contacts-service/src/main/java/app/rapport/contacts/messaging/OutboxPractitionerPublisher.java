package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.Introduction;
import app.rapport.contacts.domain.Practitioner;
import app.rapport.contacts.domain.PractitionerPublisher;
import app.rapport.contacts.domain.PractitionerSnapshot;
import app.rapport.contacts.domain.RelationshipStage;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;

/** Records the directory's events in the outbox, shaped as docs/asyncapi.yaml says, in the caller's transaction. */
@Singleton
public class OutboxPractitionerPublisher implements PractitionerPublisher {

    static final String AGGREGATE = "Practitioner";

    private final Outbox outbox;

    public OutboxPractitionerPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void registered(Practitioner p, Instant at) {
        record(p, EventTypes.PRACTITIONER_REGISTERED,
                new PractitionerEvents.PractitionerRegistered(PractitionerSnapshot.of(p), at));
    }

    @Override
    public void updated(Practitioner p, Instant at) {
        record(p, EventTypes.PRACTITIONER_UPDATED, new PractitionerEvents.PractitionerUpdated(PractitionerSnapshot.of(p), at));
    }

    @Override
    public void stageChanged(Practitioner p, RelationshipStage from, RelationshipStage to, @Nullable String reason,
                             String actor, Instant at) {
        record(p, EventTypes.PRACTITIONER_STAGE_CHANGED,
                new PractitionerEvents.PractitionerStageChanged(PractitionerSnapshot.of(p), from, to, reason, actor, at));
    }

    @Override
    public void archived(Practitioner p, Instant at) {
        record(p, EventTypes.PRACTITIONER_ARCHIVED,
                new PractitionerEvents.PractitionerArchived(PractitionerSnapshot.of(p), p.getArchiveReason(), at));
    }

    @Override
    public void introductionRecorded(Introduction introduction, Instant at) {
        outbox.record(introduction.clinicId(), AGGREGATE, introduction.practitionerId(), EventTypes.INTRODUCTION_RECORDED,
                new PractitionerEvents.IntroductionRecorded(introduction.id(), introduction.practitionerId(),
                        introduction.introducedByPractitionerId(), introduction.note(), at));
    }

    private void record(Practitioner p, String type, Object payload) {
        outbox.record(p.getClinicId(), AGGREGATE, p.getId(), type, payload);
    }
}
