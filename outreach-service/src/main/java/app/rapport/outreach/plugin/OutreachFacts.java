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

    /** The days this partner referred patients to the clinic, oldest first. */
    List<LocalDate> referralsReceivedFrom(String practitionerId);

    /** The days the clinic referred patients to this partner, oldest first. */
    List<LocalDate> referralsSentTo(String practitionerId);

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

    /** The tasks of one type for one partner, any status. */
    List<TaskSnapshot> tasks(String practitionerId, TaskType type);

    /** The clinic's weekly target of new practitioners contacted. */
    int weeklyNewContactTarget();

    /** NEW_CONTACT tasks done since Monday (clinic time). */
    int newContactsDoneThisWeek();

    /** NEW_CONTACT tasks waiting to be done. */
    long openNewContacts();
}
