package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import jakarta.inject.Singleton;

import java.util.Set;

/** A report or a referral status update sent to the partner: the latest contact with them. The stage stays. */
@Singleton
public class ReportActivityHandler implements EventHandler {

    private final EventPayloads payloads;
    private final PractitionerDirectory directory;

    public ReportActivityHandler(EventPayloads payloads, PractitionerDirectory directory) {
        this.payloads = payloads;
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.reports";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REPORT_SENT, EventTypes.STATUS_UPDATE_SENT);
    }

    @Override
    public void apply(EventEnvelope event) {
        if (EventTypes.REPORT_SENT.equals(event.type())) {
            var sent = payloads.read(event, PartnerActivityPayloads.ReportSent.class);
            directory.contacted(event.clinicId(), sent.practitionerId(), sent.sentAt());
        } else {
            var update = payloads.read(event, PartnerActivityPayloads.StatusUpdateSent.class);
            directory.contacted(event.clinicId(), update.practitionerId(), update.sentAt());
        }
    }
}
