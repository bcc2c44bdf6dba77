package app.rapport.referrals.domain;

import app.rapport.referrals.repository.ClinicTimeZoneRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The day an instant falls on for a clinic: in the time zone of its profile (ClinicProfileUpdated),
 * and until one has arrived in {@code rapport.referrals.time-zone} ({@code RAPPORT_CLINIC_TIME_ZONE}).
 */
@Singleton
public class ClinicCalendar {

    private final ClinicTimeZoneRepository zones;
    private final ZoneId defaultZone;

    public ClinicCalendar(ClinicTimeZoneRepository zones, @Value("${rapport.referrals.time-zone}") String defaultZone) {
        this.zones = zones;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    public ZoneId zoneOf(String clinicId) {
        // The consumer only stores zones it could read, so ZoneId.of cannot fail here.
        return zones.findByClinicId(clinicId).map(z -> ZoneId.of(z.timeZone())).orElse(defaultZone);
    }

    public LocalDate dayOf(String clinicId, Instant at) {
        return at.atZone(zoneOf(clinicId)).toLocalDate();
    }
}
