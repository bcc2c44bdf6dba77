package app.rapport.platform.events;

import java.util.List;

/** Every Kafka topic of the platform, named in one place. Each topic is owned by one service. */
public final class Topics {

    /** Owned by contacts-service; key: practitioner id. */
    public static final String PRACTITIONERS = "contacts.practitioners.v1";
    /** Owned by referrals-service; key: referral id. */
    public static final String REFERRALS = "referrals.referrals.v1";
    /**
     * Owned by referrals-service; key: referral id. The patient's name, birth date and the
     * referral's reason and codes, on a topic of their own so that only reports-service (the one
     * consumer that needs them) is allowed to read them (ADR 0206).
     */
    public static final String PATIENTS = "referrals.patients.v1";
    /** Owned by outreach-service; key: task or gift id. */
    public static final String OUTREACH_ACTIVITIES = "outreach.activities.v1";
    /** Owned by reports-service; key: report id. */
    public static final String REPORTS = "reports.reports.v1";

    public static final List<String> ALL = List.of(PRACTITIONERS, REFERRALS, PATIENTS, OUTREACH_ACTIVITIES, REPORTS);

    /** The topics whose records name a patient: their dead letters are kept only as briefly as the topic itself. */
    public static final java.util.Set<String> CARRYING_PATIENT_DATA = java.util.Set.of(PATIENTS);

    private Topics() {
    }

    /** Where records that can never be processed go, so the partition can move on. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
