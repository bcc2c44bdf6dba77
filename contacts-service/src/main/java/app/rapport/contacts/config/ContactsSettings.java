package app.rapport.contacts.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.ZoneId;

/** contacts-service's own settings ({@code rapport.contacts.*}), each with an env var in application.yml. */
@ConfigurationProperties("rapport.contacts")
public class ContactsSettings {

    /** The most rows one import may hold; a longer list is split by the clinic, and a request stays short. */
    @Min(1)
    private int importMaxRows = 2000;

    /**
     * The time zone of a clinic whose profile names none (the same {@code RAPPORT_CLINIC_TIME_ZONE}
     * outreach-service uses): it decides the day letters are dated.
     */
    @NotBlank
    private String timeZone = "America/Los_Angeles";

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = ZoneId.of(timeZone).getId(); // an unknown zone stops the service at start, not at the first letter
    }

    public int getImportMaxRows() {
        return importMaxRows;
    }

    public void setImportMaxRows(int importMaxRows) {
        this.importMaxRows = importMaxRows;
    }
}
