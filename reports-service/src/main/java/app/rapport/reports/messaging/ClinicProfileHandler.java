package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.inbox.PoisonEventException;
import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.repository.ClinicProfileEntry;
import app.rapport.reports.repository.ClinicProfileRepository;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;

/** contacts.practitioners.v1, ClinicProfileUpdated: the letterhead, logo and time zone of the clinic. */
@Singleton
public class ClinicProfileHandler implements EventHandler<InboundClinicProfile.ClinicProfileUpdated> {

    private final ClinicProfileRepository profiles;

    public ClinicProfileHandler(ClinicProfileRepository profiles) {
        this.profiles = profiles;
    }

    @Override
    public String consumerName() {
        return "reports-service.clinic-profile";
    }

    @Override
    public Map<String, Class<? extends InboundClinicProfile.ClinicProfileUpdated>> payloadTypes() {
        return Map.of(EventTypes.CLINIC_PROFILE_UPDATED, InboundClinicProfile.ClinicProfileUpdated.class);
    }

    @Override
    public void apply(InboundEvent<InboundClinicProfile.ClinicProfileUpdated> event) {
        var p = event.payload();
        var head = p.letterhead();
        var address = head.address();
        byte[] logo = null;
        if (p.logo() != null) {
            try {
                logo = Base64.getMimeDecoder().decode(p.logo().base64());
            } catch (IllegalArgumentException e) {
                throw new PoisonEventException("ClinicProfileUpdated logo is not base64");
            }
        }
        ClinicProfile profile = new ClinicProfile(event.clinicId(), p.profileId(), p.clinicName(), zone(p.timeZone()),
                head.locationName(), address.line1(), address.line2(), address.city(), address.region(),
                address.postalCode(), address.country(), head.phone(), head.fax(), head.email(),
                logo == null ? null : p.logo().mediaType(), logo, p.version());
        // A redelivered or late older profile changes nothing.
        profiles.keepNewer(profiles.lock(profile.clinicId()), ClinicProfileEntry.of(profile));
    }

    /** A zone Java does not know would make every day of the clinic undecidable: refuse the event instead. */
    private static String zone(String timeZone) {
        try {
            return ZoneId.of(timeZone).getId();
        } catch (DateTimeException e) {
            throw new PoisonEventException("ClinicProfileUpdated timeZone is not an IANA zone: " + timeZone);
        }
    }
}
