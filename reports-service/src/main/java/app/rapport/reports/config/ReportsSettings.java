package app.rapport.reports.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.ZoneId;

/** rapport.reports.*: the clinic-wide defaults of this service (see README, Configuration). */
@ConfigurationProperties("rapport.reports")
public class ReportsSettings {

    /** The zone a clinic's days are counted in until its profile names its own (see ClinicCalendar). */
    @NotBlank
    private String timeZone = "UTC";
    /** Progress report cadence for partners who stated no preference. */
    @Min(1)
    private int defaultEveryVisits = 6;
    @Min(1)
    private int defaultEveryWeeks = 4;
    /** A partner whose last referral is older than this is dormant. */
    @Min(1)
    private int dormantAfterDays = 90;

    /** The fallback only: a clinic's own zone and day come from {@code ClinicCalendar}. */
    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
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
}
