package app.rapport.contacts.domain;

import app.rapport.platform.web.ProblemException;
import io.micronaut.http.HttpStatus;

/** The clinic already has this partner (same NPI, e-mail, phone or fax): a 409 naming the existing record. */
public class DuplicatePractitionerException extends ProblemException {

    private final String existingId;

    public DuplicatePractitionerException(String existingId, String matchedOn) {
        super(HttpStatus.CONFLICT, "duplicate-practitioner", "Duplicate practitioner",
                "The directory already has this practitioner (same " + matchedOn + ")");
        this.existingId = existingId;
        with("existingId", existingId);
    }

    public String existingId() {
        return existingId;
    }
}
