package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import jakarta.inject.Singleton;

import java.util.Map;

/** A report or a referral status update sent to the partner: the latest contact with them. The stage stays. */
@Singleton
public class ReportsHandler implements EventHandler<InboundActivity.Contact> {

    private final PractitionerDirectory directory;

    public ReportsHandler(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.reports";
    }

    @Override
    public Map<String, Class<? extends InboundActivity.Contact>> payloadTypes() {
        return Map.of(EventTypes.REPORT_SENT, InboundActivity.ReportSent.class,
                EventTypes.STATUS_UPDATE_SENT, InboundActivity.StatusUpdateSent.class);
    }

    @Override
    public void apply(InboundEvent<InboundActivity.Contact> event) {
        directory.contacted(event.clinicId(), event.payload().practitionerId(), event.payload().sentAt());
    }
}
