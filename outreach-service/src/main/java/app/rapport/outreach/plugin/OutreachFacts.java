package app.rapport.outreach.plugin;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.GiftLedger;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** What outreach-service knows about one clinic, read-only, for rules to decide on. */
public interface OutreachFacts {

    String clinicId();

    Instant now();

    /** Today in the clinic's time zone. */
    LocalDate today();

    OutreachSettings settings();

    /** The partner from the local copy of the directory; empty until their snapshot arrives. */
    Optional<Partner> partner(String practitionerId);

    /**
     * The days this partner referred patients to the clinic, oldest first. It reads the partner's
     * whole history: fine on the periodic check, too slow on every event for a partner of many years
     * (use the counts below there).
     */
    List<LocalDate> referralsReceivedFrom(String practitionerId);

    /** The days the clinic referred patients to this partner, oldest first; the whole history, as above. */
    List<LocalDate> referralsSentTo(String practitionerId);

    /**
     * How many referrals this partner sent the clinic from {@code from} to {@code to}, both days
     * included, counted no further than {@code atMost}: enough to tell whether a threshold is met,
     * and the service reads no more than that many.
     */
    default long referralsReceivedFrom(String practitionerId, LocalDate from, LocalDate to, int atMost) {
        return Math.min(atMost, referralsReceivedFrom(practitionerId).stream()
                .filter(d -> !d.isBefore(from) && !d.isAfter(to)).count());
    }

    /** How many referrals the clinic has sent this partner; the service keeps it as a running count. */
    default long referralsSentCount(String practitionerId) {
        return referralsSentTo(practitionerId).size();
    }

    /** Partners who referred to the clinic at least {@code minimum} times. */
    List<String> referringPartners(int minimum);

    /** Prospects (stage PROSPECT, not archived) nobody has been asked to reach yet, longest known first. */
    List<Partner> uncontactedProspects(int limit);

    /**
     * Every prospect nobody has been asked to reach yet, longest known first, each with the partner
     * who introduced them and the clinic's focus niche they serve (see {@code FocusNiches}).
     */
    List<Prospect> prospects();

    /** The clinic's profile: name, letterhead, focus niches ({@link ClinicProfile#unknown} until it arrives). */
    ClinicProfile clinic();

    /** What the partner may still receive this year, counted across the whole group (empty until their snapshot arrives). */
    Optional<GiftLedger.Allowance> giftAllowance(String practitionerId);

    /** The tasks of one type for one partner, any status; all of them, so not for every event. */
    List<TaskSnapshot> tasks(String practitionerId, TaskType type);

    /** Whether a task of this type was created for the partner at or after {@code since}, any status. */
    default boolean taskCreatedSince(String practitionerId, TaskType type, Instant since) {
        return tasks(practitionerId, type).stream().anyMatch(t -> !t.createdAt().isBefore(since));
    }

    /** The clinic's weekly target of new practitioners contacted. */
    int weeklyNewContactTarget();

    /** NEW_CONTACT tasks done since Monday (clinic time). */
    int newContactsDoneThisWeek();

    /** NEW_CONTACT tasks waiting to be done. */
    long openNewContacts();
}
