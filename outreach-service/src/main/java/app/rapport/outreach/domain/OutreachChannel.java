package app.rapport.outreach.domain;

/** How a task reaches the partner (the contract's OutreachChannel). */
public enum OutreachChannel {
    HANDWRITTEN_NOTE, EMAIL, PHONE, IN_PERSON, LETTER;

    /** A partner's preferred thank-you channel (HANDWRITTEN_NOTE, EMAIL, PHONE) as an outreach channel. */
    public static OutreachChannel fromThankYouPreference(String preference) {
        return valueOf(preference);
    }
}
