package app.rapport.referrals.domain;

/** A referral for care, or a request for a colleague's second opinion on a patient. */
public enum Kind {
    REFERRAL, SECOND_OPINION
}
