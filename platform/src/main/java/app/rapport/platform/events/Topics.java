package app.rapport.platform.events;

import java.util.List;

/** Every Kafka topic of the platform, named in one place. Each topic is owned by one service. */
public final class Topics {

    /** Owned by contacts-service; key: practitioner id. */
    public static final String PRACTITIONERS = "contacts.practitioners.v1";
    /** Owned by referrals-service; key: referral id. */
    public static final String REFERRALS = "referrals.referrals.v1";
    /** Owned by outreach-service; key: task or gift id. */
    public static final String OUTREACH_ACTIVITIES = "outreach.activities.v1";
    /** Owned by reports-service; key: report id. */
    public static final String REPORTS = "reports.reports.v1";

    public static final List<String> ALL = List.of(PRACTITIONERS, REFERRALS, OUTREACH_ACTIVITIES, REPORTS);

    private Topics() {
    }

    /** Where records that can never be processed go, so the partition can move on. */
    public static String deadLetter(String topic) {
        return topic + ".dlt";
    }
}
