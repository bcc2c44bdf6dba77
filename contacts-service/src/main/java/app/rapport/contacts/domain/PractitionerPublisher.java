package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What the directory announces to the other services, inside the transaction that made the
 * change. The events are built in {@code messaging/} (OutboxPractitionerPublisher) from the state
 * given here, so the domain knows its partners, not the wire format.
 */
public interface PractitionerPublisher {

    void registered(Practitioner practitioner, Instant at);

    void updated(Practitioner practitioner, Instant at);

    void stageChanged(Practitioner practitioner, RelationshipStage from, RelationshipStage to, @Nullable String reason,
                      String actor, Instant at);

    void archived(Practitioner practitioner, Instant at);

    /** Keyed by the introduced practitioner, so it follows their PractitionerRegistered. */
    void introductionRecorded(Introduction introduction, Instant at);
}
