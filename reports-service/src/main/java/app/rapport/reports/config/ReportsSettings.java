package app.rapport.reports.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.LocalDate;
import java.time.ZoneId;

/** rapport.reports.*: the clinic-wide defaults of this service (see README, Configuration). */
@ConfigurationProperties("rapport.reports")
public class ReportsSettings {

    /** The clinic's time zone: decides "the day it is sent" for consent validity. */
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

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public LocalDate today() {
        return LocalDate.now(zone());
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
