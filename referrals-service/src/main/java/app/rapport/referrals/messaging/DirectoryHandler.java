package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.referrals.domain.Partner;
import app.rapport.referrals.repository.PartnerRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;

/**
 * Keeps this service's copy of each clinic's directory from contacts.practitioners.v1. Every
 * practitioner event carries the whole snapshot, so each is an upsert that ignores a snapshot
 * older than (or as old as) the one held: events replayed or arriving late change nothing.
 */
@Singleton
public class DirectoryHandler implements EventHandler<InboundEvents.PractitionerEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryHandler.class);

    private final PartnerRepository partners;
    private final Clock clock;

    public DirectoryHandler(PartnerRepository partners, Clock clock) {
        this.clock = clock;
        this.partners = partners;
    }

    @Override
    public String consumerName() {
        return "referrals-service.directory";
    }

    @Override
    public Map<String, Class<? extends InboundEvents.PractitionerEvent>> payloadTypes() {
        return EventHandler.sameRecord(InboundEvents.PractitionerEvent.class, EventTypes.PRACTITIONER_SNAPSHOTS);
    }

    @Override
    public void apply(InboundEvent<InboundEvents.PractitionerEvent> event) {
        InboundEvents.PractitionerSnapshot p = event.payload().practitioner();
        String clinic = event.clinicId();
        Partner snapshot = new Partner(null, clinic, p.id(), p.firstName(), p.lastName(), p.credentials(),
                p.specialty(), p.organization(), p.archived(), p.version(), clock.instant());
        if (!partners.keepNewer(partners.lock(clinic, p.id()), snapshot).changed()) {
            LOG.debug("Practitioner {} snapshot v{} ignored: the copy holds it or a newer one", p.id(), p.version());
            return;
        }
        LOG.info("Directory copy of clinic {}: practitioner {} now v{}{}", clinic, p.id(), p.version(),
                p.archived() ? " (archived)" : "");
    }
}
