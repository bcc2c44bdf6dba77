package app.rapport.referrals.domain;

public enum Urgency {
    ROUTINE, URGENT
}
