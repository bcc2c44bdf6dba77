package app.rapport.contacts.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.validation.constraints.Min;

/** contacts-service's own settings ({@code rapport.contacts.*}), each with an env var in application.yml. */
@ConfigurationProperties("rapport.contacts")
public class ContactsSettings {

    /** The most rows one import may hold; a longer list is split by the clinic, and a request stays short. */
    @Min(1)
    private int importMaxRows = 2000;

    public int getImportMaxRows() {
        return importMaxRows;
    }

    public void setImportMaxRows(int importMaxRows) {
        this.importMaxRows = importMaxRows;
    }
}
