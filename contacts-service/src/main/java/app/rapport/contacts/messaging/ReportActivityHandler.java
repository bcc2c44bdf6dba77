package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import jakarta.inject.Singleton;

import java.util.Map;

/** A report or a referral status update sent to the partner: the latest contact with them. The stage stays. */
@Singleton
public class ReportActivityHandler implements EventHandler<PartnerActivityPayloads.Contact> {

    private final PractitionerDirectory directory;

    public ReportActivityHandler(PractitionerDirectory directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "contacts-service.reports";
    }

    @Override
    public Map<String, Class<? extends PartnerActivityPayloads.Contact>> payloadTypes() {
        return Map.of(EventTypes.REPORT_SENT, PartnerActivityPayloads.ReportSent.class,
                EventTypes.STATUS_UPDATE_SENT, PartnerActivityPayloads.StatusUpdateSent.class);
    }

    @Override
    public void apply(InboundEvent<PartnerActivityPayloads.Contact> event) {
        directory.contacted(event.clinicId(), event.payload().practitionerId(), event.payload().sentAt());
    }
}
