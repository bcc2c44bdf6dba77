package app.rapport.contacts.domain;

/** How a partner likes to be thanked for a referral. */
public enum ThankYouChannel {
    HANDWRITTEN_NOTE,
    EMAIL,
    PHONE
}
