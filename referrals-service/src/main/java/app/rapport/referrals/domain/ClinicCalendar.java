package app.rapport.referrals.domain;

import app.rapport.referrals.repository.ClinicTimeZoneRepository;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The day an instant falls on for a clinic: in the time zone of its profile (ClinicProfileUpdated),
 * and until one has arrived in {@code rapport.referrals.time-zone} ({@code RAPPORT_CLINIC_TIME_ZONE}).
 *
 * <p>Zones are remembered for {@link #FRESH_FOR}: an undated referral needs its clinic's day, and a
 * read of the copy on every POST would be a seventh round trip on the ingest path (issue 14). A clinic
 * changes its zone perhaps once; the replica that consumes the change forgets its entry at once, the
 * others follow within a minute.
 */
@Singleton
public class ClinicCalendar {

    static final Duration FRESH_FOR = Duration.ofMinutes(1);
    /** Far more than a group's clinics: past it the memo starts over rather than grow. */
    private static final int MOST_REMEMBERED = 10_000;

    private final ClinicTimeZoneRepository zones;
    private final ZoneId defaultZone;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    /** Read at a {@link System#nanoTime()}: how long a copy is trusted is no business of the (movable) clock. */
    private record Remembered(ZoneId zone, long readAtNanos) {
    }

    public ClinicCalendar(ClinicTimeZoneRepository zones, @Value("${rapport.referrals.time-zone}") String defaultZone) {
        this.zones = zones;
        this.defaultZone = ZoneId.of(defaultZone);
    }

    public ZoneId zoneOf(String clinicId) {
        long now = System.nanoTime();
        Remembered known = recent.get(clinicId);
        if (known != null && now - known.readAtNanos() < FRESH_FOR.toNanos()) {
            return known.zone();
        }
        // The consumer only stores zones it could read, so ZoneId.of cannot fail here.
        ZoneId zone = zones.findByClinicId(clinicId).map(z -> ZoneId.of(z.timeZone())).orElse(defaultZone);
        if (recent.size() >= MOST_REMEMBERED) {
            recent.clear();
        }
        recent.put(clinicId, new Remembered(zone, now));
        return zone;
    }

    public LocalDate dayOf(String clinicId, Instant at) {
        return at.atZone(zoneOf(clinicId)).toLocalDate();
    }

    /** Called when this replica stores a new zone for the clinic, so its next day is counted in it. */
    public void forget(String clinicId) {
        recent.remove(clinicId);
    }
}
