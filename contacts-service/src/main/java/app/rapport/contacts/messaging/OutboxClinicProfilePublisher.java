package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.ClinicProfile;
import app.rapport.contacts.domain.ClinicProfilePublisher;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import jakarta.inject.Singleton;

/** Records ClinicProfileUpdated in the outbox, in the caller's transaction. */
@Singleton
public class OutboxClinicProfilePublisher implements ClinicProfilePublisher {

    static final String AGGREGATE = "ClinicProfile";

    private final Outbox outbox;

    public OutboxClinicProfilePublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void updated(String clinicId, String profileId, ClinicProfile profile) {
        outbox.record(clinicId, AGGREGATE, profileId, EventTypes.CLINIC_PROFILE_UPDATED,
                ClinicProfileEvents.ClinicProfileUpdated.of(profileId, profile));
    }
}
