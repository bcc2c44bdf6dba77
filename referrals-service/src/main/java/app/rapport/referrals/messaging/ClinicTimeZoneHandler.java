package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.platform.inbox.PoisonEventException;
import app.rapport.referrals.domain.ClinicTimeZone;
import app.rapport.referrals.repository.ClinicTimeZoneRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps each clinic's time zone from its profile (ClinicProfileUpdated on contacts.practitioners.v1):
 * the whole profile travels, so the highest {@code version} wins and an older or repeated one changes nothing.
 */
@Singleton
public class ClinicTimeZoneHandler implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ClinicTimeZoneHandler.class);

    private final EventPayloads payloads;
    private final ClinicTimeZoneRepository zones;

    public ClinicTimeZoneHandler(EventPayloads payloads, ClinicTimeZoneRepository zones) {
        this.payloads = payloads;
        this.zones = zones;
    }

    @Override
    public String consumerName() {
        return "referrals-service.clinic-time-zone";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.CLINIC_PROFILE_UPDATED);
    }

    @Override
    public void apply(EventEnvelope event) {
        InboundEvents.ClinicProfileUpdated profile = payloads.read(event, InboundEvents.ClinicProfileUpdated.class);
        try {
            ZoneId.of(profile.timeZone());
        } catch (DateTimeException e) {
            throw new PoisonEventException(event.type() + " names time zone '" + profile.timeZone()
                    + "', which is no IANA zone");
        }
        String clinic = event.clinicId();
        Optional<ClinicTimeZone> held = zones.lockByClinicId(clinic);
        if (held.isPresent() && held.get().version() >= profile.version()) {
            LOG.debug("Clinic {} profile v{} ignored; v{} held", clinic, profile.version(), held.get().version());
            return;
        }
        ClinicTimeZone fresh = new ClinicTimeZone(clinic, profile.timeZone(), profile.version(), Instant.now());
        if (held.isPresent()) {
            zones.update(fresh);
        } else {
            zones.save(fresh);
        }
        LOG.info("Clinic {} time zone {} (profile v{})", clinic, profile.timeZone(), profile.version());
    }
}
