package app.rapport.referrals.domain;

/** How a referral arrived or was sent. */
public enum Channel {
    PHONE, FAX, EMAIL, WEB_INTAKE, IN_PERSON, LETTER
}
