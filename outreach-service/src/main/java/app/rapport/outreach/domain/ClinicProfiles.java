package app.rapport.outreach.domain;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.repository.ClinicProfileRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The clinic's identity and its "today": the profile's time zone wins over the
 * {@code rapport.outreach.clinic-time-zones} setting, which stays the fallback until a profile arrives.
 */
@Singleton
public class ClinicProfiles {

    private final ClinicProfileRepository profiles;
    private final OutreachSettings settings;

    public ClinicProfiles(ClinicProfileRepository profiles, OutreachSettings settings) {
        this.profiles = profiles;
        this.settings = settings;
    }

    public ClinicProfile of(String clinicId) {
        return profiles.findById(clinicId).orElseGet(() -> ClinicProfile.unknown(clinicId));
    }

    public ZoneId zoneOf(String clinicId) {
        return zoneOf(of(clinicId));
    }

    public ZoneId zoneOf(ClinicProfile profile) {
        return profile.zone() != null ? profile.zone() : settings.zoneOf(profile.clinicId());
    }

    public LocalDate today(String clinicId, Instant now) {
        return now.atZone(zoneOf(clinicId)).toLocalDate();
    }
}
