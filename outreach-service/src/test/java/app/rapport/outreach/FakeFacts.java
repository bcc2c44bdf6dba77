package app.rapport.outreach;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.GiftLedger;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.ReferralFact;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a rule sees, held in memory, for rule tests without a database or a Micronaut context.
 * Time is a fixed clock (a Tuesday morning at the clinic unless a test moves it); settings are the
 * service's defaults (3 referrals in 90 days, 2 sent, 1 new practitioner a week, silent for 2 ×
 * the usual gap and at least 30 days).
 */
public class FakeFacts implements OutreachFacts {

    public static final OutreachSettings SETTINGS = new OutreachSettings("America/Los_Angeles", "", "HANDWRITTEN_NOTE",
            3, 90, 2, 1, 2.0, 30, "535.00", "2025=519.00", "535.00", "USD");
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    /** Tuesday 10 March 2026, 9:00 at the clinic. */
    public static final Instant TUESDAY_MORNING = Instant.parse("2026-03-10T16:00:00Z");

    public final Map<String, Partner> partners = new HashMap<>();
    public final Map<String, List<LocalDate>> received = new HashMap<>();
    public final Map<String, List<LocalDate>> sent = new HashMap<>();
    public final Map<String, BigDecimal> remaining = new HashMap<>();
    public final List<Prospect> prospects = new ArrayList<>();
    public final List<TaskSnapshot> tasks = new ArrayList<>();
    public int weeklyTarget = 1;
    public int newContactsDone;
    public long openNewContacts;
    private Clock clock = Clock.fixed(TUESDAY_MORNING, ZONE);

    public static Partner partner(String id, boolean physician, String preferredChannel, String specialty,
                                  String organization) {
        return new Partner(new Partner.Key("clinic", id), "Sam", "Lee-" + id, physician ? "MD" : null, null, specialty,
                organization, null, "+12065550100", null, preferredChannel, "PROSPECT", physician, false, 1, Instant.EPOCH,
                Instant.EPOCH);
    }

    public FakeFacts with(Partner p) {
        partners.put(p.id(), p);
        return this;
    }

    /** The clock stopped at another moment. */
    public FakeFacts at(Instant instant) {
        clock = Clock.fixed(instant, ZONE);
        return this;
    }

    /** A referral event as the service hands it to rules, the referral already counted in these facts. */
    public OutreachEvent referral(String referralId, String practitionerId, boolean received, LocalDate on) {
        (received ? this.received : this.sent).computeIfAbsent(practitionerId, k -> new ArrayList<>()).add(on);
        String type = received ? EventTypes.REFERRAL_RECEIVED : EventTypes.REFERRAL_SENT;
        return new OutreachEvent(new EventEnvelope("event-" + referralId, type, "/test", clock.instant(), referralId,
                clinicId(), "{}"), new ReferralFact(referralId, received ? "RECEIVED" : "SENT", "REFERRAL",
                practitionerId, on));
    }

    @Override
    public String clinicId() {
        return "clinic";
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public LocalDate today() {
        return LocalDate.now(clock);
    }

    @Override
    public OutreachSettings settings() {
        return SETTINGS;
    }

    @Override
    public Optional<Partner> partner(String practitionerId) {
        return Optional.ofNullable(partners.get(practitionerId));
    }

    @Override
    public List<LocalDate> referralsReceivedFrom(String practitionerId) {
        return sorted(received.get(practitionerId));
    }

    @Override
    public List<LocalDate> referralsSentTo(String practitionerId) {
        return sorted(sent.get(practitionerId));
    }

    private static List<LocalDate> sorted(List<LocalDate> days) {
        return days == null ? List.of() : days.stream().sorted().toList();
    }

    @Override
    public List<String> referringPartners(int minimum) {
        return received.entrySet().stream().filter(e -> e.getValue().size() >= minimum).map(Map.Entry::getKey)
                .sorted(Comparator.naturalOrder()).toList();
    }

    @Override
    public List<Partner> uncontactedProspects(int limit) {
        return prospects.stream().map(Prospect::partner).limit(limit).toList();
    }

    @Override
    public List<Prospect> prospects() {
        return prospects;
    }

    @Override
    public ClinicProfile clinic() {
        return ClinicProfile.unknown("clinic");
    }

    @Override
    public Optional<GiftLedger.Allowance> giftAllowance(String practitionerId) {
        return Optional.ofNullable(remaining.get(practitionerId)).map(left -> new GiftLedger.Allowance(practitionerId,
                today().getYear(), false, new BigDecimal("535.00"), new BigDecimal("535.00").subtract(left), left, "USD"));
    }

    @Override
    public List<TaskSnapshot> tasks(String practitionerId, TaskType type) {
        return tasks.stream().filter(t -> t.practitionerId().equals(practitionerId) && t.type() == type).toList();
    }

    @Override
    public int weeklyNewContactTarget() {
        return weeklyTarget;
    }

    @Override
    public int newContactsDoneThisWeek() {
        return newContactsDone;
    }

    @Override
    public long openNewContacts() {
        return openNewContacts;
    }
}
