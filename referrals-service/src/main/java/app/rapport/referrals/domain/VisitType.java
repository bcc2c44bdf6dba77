package app.rapport.referrals.domain;

public enum VisitType {
    INITIAL_EVALUATION, TREATMENT, RE_EVALUATION, DISCHARGE
}
