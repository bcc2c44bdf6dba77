package app.rapport.reports.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** rapport.reports.*: the clinic-wide defaults of this service (see README, Configuration). */
@ConfigurationProperties("rapport.reports")
public class ReportsSettings {

    /**
     * The zone a clinic's days are counted in until its profile names its own (see ClinicCalendar):
     * the group's {@code RAPPORT_CLINIC_TIME_ZONE} unless {@code RAPPORT_REPORTS_TIME_ZONE} overrides
     * it, so a consent is dated on the day referrals-service dated the referral.
     */
    @NotBlank
    private String timeZone = "America/Los_Angeles";
    /** Progress report cadence for partners who stated no preference. */
    @Min(1)
    private int defaultEveryVisits = 6;
    @Min(1)
    private int defaultEveryWeeks = 4;
    /** A partner whose last referral is older than this is dormant. */
    @Min(1)
    private int dormantAfterDays = 90;
    /** A send SENDING this long stopped mid-way (ADR 0407): longer than any delivery takes. */
    private java.time.Duration unconfirmedAfter = java.time.Duration.ofMinutes(10);

    /**
     * Each clinic's e-mail-to-fax gateway domain, {@code clinic=domain,clinic=domain}
     * ({@code RAPPORT_REPORTS_FAX_GATEWAYS}); a clinic without one faxes by hand from the print queue.
     */
    private Map<String, String> faxGateways = Map.of();

    /** The fallback only: a clinic's own zone and day come from {@code ClinicCalendar}. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Optional<String> faxGatewayOf(String clinicId) {
        return Optional.ofNullable(faxGateways.get(clinicId));
    }

    public String getFaxGateways() {
        return faxGateways.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted()
                .collect(Collectors.joining(","));
    }

    /** A malformed entry stops the service at start: a fax silently going to the wrong domain would disclose. */
    public void setFaxGateways(String spec) {
        Map<String, String> parsed = new HashMap<>();
        for (String entry : spec == null ? new String[0] : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split("=", -1);
            if (parts.length != 2 || parts[0].isBlank() || !parts[1].trim().matches("^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$")) {
                throw new IllegalArgumentException("rapport.reports.fax-gateways: expected clinic=domain, got " + entry);
            }
            parsed.put(parts[0].trim(), parts[1].trim().toLowerCase(java.util.Locale.ROOT));
        }
        this.faxGateways = Map.copyOf(parsed);
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        // An unknown zone stops the service at start, not every received referral on the dead-letter topic.
        this.timeZone = ZoneId.of(timeZone).getId();
    }

    public int getDefaultEveryVisits() {
        return defaultEveryVisits;
    }

    public void setDefaultEveryVisits(int defaultEveryVisits) {
        this.defaultEveryVisits = defaultEveryVisits;
    }

    public int getDefaultEveryWeeks() {
        return defaultEveryWeeks;
    }

    public void setDefaultEveryWeeks(int defaultEveryWeeks) {
        this.defaultEveryWeeks = defaultEveryWeeks;
    }

    public int getDormantAfterDays() {
        return dormantAfterDays;
    }

    public void setDormantAfterDays(int dormantAfterDays) {
        this.dormantAfterDays = dormantAfterDays;
    }

    public java.time.Duration getUnconfirmedAfter() {
        return unconfirmedAfter;
    }

    public void setUnconfirmedAfter(java.time.Duration unconfirmedAfter) {
        this.unconfirmedAfter = unconfirmedAfter;
    }
}
