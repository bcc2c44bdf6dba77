package app.rapport.platform.events;

import java.util.Map;
import java.util.Optional;

/**
 * Every CloudEvents {@code ce_type} of the platform. The last segment is the payload schema
 * version: a consumer that knows {@code ReferralReceived.v1} but receives {@code .v2} cannot
 * process it and sends it to the dead-letter topic instead of guessing.
 */
public final class EventTypes {

    private static final String PREFIX = "app.rapport.";

    // contacts.practitioners.v1
    public static final String PRACTITIONER_REGISTERED = PREFIX + "contacts.PractitionerRegistered.v1";
    public static final String PRACTITIONER_UPDATED = PREFIX + "contacts.PractitionerUpdated.v1";
    public static final String PRACTITIONER_STAGE_CHANGED = PREFIX + "contacts.PractitionerStageChanged.v1";
    public static final String PRACTITIONER_ARCHIVED = PREFIX + "contacts.PractitionerArchived.v1";
    public static final String INTRODUCTION_RECORDED = PREFIX + "contacts.IntroductionRecorded.v1";
    /** The clinic's name, letterhead, logo, time zone and focus niches; keyed by the clinic profile id. */
    public static final String CLINIC_PROFILE_UPDATED = PREFIX + "contacts.ClinicProfileUpdated.v1";
    /** The practitioner events that carry a whole snapshot: what a local copy of the directory applies. */
    public static final java.util.Set<String> PRACTITIONER_SNAPSHOTS = java.util.Set.of(PRACTITIONER_REGISTERED,
            PRACTITIONER_UPDATED, PRACTITIONER_STAGE_CHANGED, PRACTITIONER_ARCHIVED);

    // referrals.referrals.v1
    /** v2: no patient name, birth date, reason or codes any more, only the pseudonymous patientReference. */
    public static final String REFERRAL_RECEIVED = PREFIX + "referrals.ReferralReceived.v2";
    public static final String REFERRAL_SENT = PREFIX + "referrals.ReferralSent.v1";
    public static final String REFERRAL_STATUS_CHANGED = PREFIX + "referrals.ReferralStatusChanged.v1";
    public static final String VISIT_RECORDED = PREFIX + "referrals.VisitRecorded.v1";

    // referrals.patients.v1 (reports-service alone may read it)
    /** Who a received referral is about (name, birth date) and why (reason, codes). */
    public static final String PATIENT_REFERRED = PREFIX + "referrals.PatientReferred.v1";

    // outreach.activities.v1
    public static final String OUTREACH_TASK_CREATED = PREFIX + "outreach.OutreachTaskCreated.v1";
    public static final String OUTREACH_TASK_COMPLETED = PREFIX + "outreach.OutreachTaskCompleted.v1";
    public static final String OUTREACH_TASK_SKIPPED = PREFIX + "outreach.OutreachTaskSkipped.v1";
    public static final String OUTREACH_TASK_RESCHEDULED = PREFIX + "outreach.OutreachTaskRescheduled.v1";
    public static final String GIFT_RECORDED = PREFIX + "outreach.GiftRecorded.v1";
    public static final String GIFT_REVERSED = PREFIX + "outreach.GiftReversed.v1";

    // reports.reports.v1
    public static final String REPORT_QUEUED = PREFIX + "reports.ReportQueued.v1";
    public static final String REPORT_SENT = PREFIX + "reports.ReportSent.v1";
    public static final String STATUS_UPDATE_SENT = PREFIX + "reports.StatusUpdateSent.v1";

    /** Event type → the topic it travels on. */
    public static final Map<String, String> TOPIC_OF = Map.ofEntries(
            Map.entry(PRACTITIONER_REGISTERED, Topics.PRACTITIONERS),
            Map.entry(PRACTITIONER_UPDATED, Topics.PRACTITIONERS),
            Map.entry(PRACTITIONER_STAGE_CHANGED, Topics.PRACTITIONERS),
            Map.entry(PRACTITIONER_ARCHIVED, Topics.PRACTITIONERS),
            Map.entry(INTRODUCTION_RECORDED, Topics.PRACTITIONERS),
            Map.entry(CLINIC_PROFILE_UPDATED, Topics.PRACTITIONERS),
            Map.entry(REFERRAL_RECEIVED, Topics.REFERRALS),
            Map.entry(REFERRAL_SENT, Topics.REFERRALS),
            Map.entry(REFERRAL_STATUS_CHANGED, Topics.REFERRALS),
            Map.entry(VISIT_RECORDED, Topics.REFERRALS),
            Map.entry(PATIENT_REFERRED, Topics.PATIENTS),
            Map.entry(OUTREACH_TASK_CREATED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(OUTREACH_TASK_COMPLETED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(OUTREACH_TASK_SKIPPED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(OUTREACH_TASK_RESCHEDULED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(GIFT_RECORDED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(GIFT_REVERSED, Topics.OUTREACH_ACTIVITIES),
            Map.entry(REPORT_QUEUED, Topics.REPORTS),
            Map.entry(REPORT_SENT, Topics.REPORTS),
            Map.entry(STATUS_UPDATE_SENT, Topics.REPORTS));

    private EventTypes() {
    }

    /** The topic an event type is published on. */
    public static String topicOf(String type) {
        String topic = TOPIC_OF.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("Unknown event type " + type);
        }
        return topic;
    }

    /** {@code app.rapport.referrals.ReferralReceived.v1} → {@code app.rapport.referrals.ReferralReceived}. */
    public static Optional<String> withoutVersion(String type) {
        int dot = type == null ? -1 : type.lastIndexOf(".v");
        return dot <= 0 ? Optional.empty() : Optional.of(type.substring(0, dot));
    }
}
