package app.rapport.referrals.domain;

/** Whether a partner referred a patient to the clinic, or the clinic referred one out. */
public enum Direction {
    RECEIVED, SENT
}
