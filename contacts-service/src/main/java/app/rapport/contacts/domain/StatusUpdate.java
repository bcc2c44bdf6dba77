package app.rapport.contacts.domain;

/** A point in a referral's life the referring partner may want to hear about (the contract's {@code StatusUpdate}). */
public enum StatusUpdate {
    ACCEPTED,
    SCHEDULED,
    FIRST_VISIT,
    DECLINED,
    COMPLETED
}
