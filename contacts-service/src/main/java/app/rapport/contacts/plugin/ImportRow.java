package app.rapport.contacts.plugin;

import app.rapport.contacts.domain.PractitionerDetails;
import io.micronaut.core.annotation.Nullable;

/**
 * One row of an imported partner list.
 *
 * @param line    where it starts in the file (1 is the first line), as a spreadsheet user counts
 * @param details what it says, or null when it could not be read
 * @param error   why it could not be read, naming the column
 */
public record ImportRow(int line, @Nullable PractitionerDetails details, @Nullable String error) {

    public static ImportRow ok(int line, PractitionerDetails details) {
        return new ImportRow(line, details, null);
    }

    public static ImportRow rejected(int line, String error) {
        return new ImportRow(line, null, error);
    }
}
