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
        return profiles.find(clinicId).orElseGet(() -> ClinicProfile.unknown(clinicId));
    }

    public ZoneId zoneOf(String clinicId) {
        ZoneId own = profiles.find(clinicId).map(ClinicProfile::zone).orElse(null);
        return own != null ? own : settings.zoneOf(clinicId);
    }

    public LocalDate today(String clinicId, Instant now) {
        return now.atZone(zoneOf(clinicId)).toLocalDate();
    }
}
