package app.rapport.reports.domain;

import app.rapport.platform.inbox.BatchMemo;
import app.rapport.reports.config.ReportsSettings;
import app.rapport.reports.repository.ClinicProfileRepository;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The clinic's own days. Everything that turns "now" or an instant into a date (the day a
 * consent counts in, the date on a letter, overdue reports, analytics) asks here, so a clinic in
 * Auckland and one in Los Angeles each get their own "today". Before the clinic's profile
 * arrives, {@code rapport.reports.time-zone} is the zone.
 */
@Singleton
public class ClinicCalendar {

    private final ClinicProfileRepository profiles;
    private final ReportsSettings settings;
    private final Clock clock;

    public ClinicCalendar(ClinicProfileRepository profiles, ReportsSettings settings, Clock clock) {
        this.profiles = profiles;
        this.settings = settings;
        this.clock = clock;
    }

    /** On a consumer's path read once per batch: profiles arrive through another topic's consumer. */
    public ZoneId zoneOf(String clinicId) {
        return BatchMemo.remember(List.of("clinic-zone", clinicId), () -> profiles.timeZone(clinicId))
                .map(ZoneId::of).orElseGet(settings::zone);
    }

    /** The instant read and placed in the clinic's zone: the clock's own zone plays no part. */
    public LocalDate today(String clinicId) {
        return LocalDate.ofInstant(clock.instant(), zoneOf(clinicId));
    }

    /** The clinic's day an instant fell on, e.g. the day a report was sent. */
    public LocalDate dayOf(String clinicId, Instant at) {
        return at.atZone(zoneOf(clinicId)).toLocalDate();
    }

    public Instant now() {
        return clock.instant();
    }
}
