package app.rapport.contacts.domain;

import app.rapport.platform.domain.DomainException;

import java.util.List;

/**
 * The clinic already has this partner (same NPI, e-mail, phone or fax, or likely so by name and
 * organization): a 409 naming the existing record.
 */
public class DuplicatePractitionerException extends DomainException {

    private final String existingId;

    private DuplicatePractitionerException(String existingId, String detail) {
        super(Refusal.CONFLICT, "duplicate-practitioner", "Duplicate practitioner", detail, List.of());
        this.existingId = existingId;
        with("existingId", existingId);
    }

    /** Same NPI, e-mail, phone or fax ({@code matchedOn} names which). */
    public static DuplicatePractitionerException sameIdentifiers(String existingId, String matchedOn) {
        return new DuplicatePractitionerException(existingId,
                "The directory already has this practitioner (same " + matchedOn + ")");
    }

    /**
     * A partner entered without NPI, e-mail or phone whose name and organization are an active
     * partner's: most likely the same person typed twice. Giving one of those tells them apart.
     */
    public static DuplicatePractitionerException likely(String existingId) {
        return new DuplicatePractitionerException(existingId, "The directory likely has this practitioner already "
                + "(same first and last name and organization); if this is someone else, give their NPI, e-mail or phone");
    }

    public String existingId() {
        return existingId;
    }
}
