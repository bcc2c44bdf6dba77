package app.rapport.referrals.domain;

/** Every status a referral can be in; which moves are legal is {@link ReferralStateMachine}'s business. */
public enum ReferralStatus {
    // received
    RECEIVED, ACCEPTED, DECLINED, SCHEDULED, IN_TREATMENT, COMPLETED, NO_SHOW, CANCELLED,
    // sent
    SENT, ACKNOWLEDGED, SEEN, CLOSED
}
