package app.rapport.outreach;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.GiftLedger;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.TaskSnapshot;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a rule sees, held in memory, for rule tests without a database. */
class FakeFacts implements OutreachFacts {

    static final OutreachSettings SETTINGS = new OutreachSettings("America/Los_Angeles", "", "HANDWRITTEN_NOTE", 3, 90, 2,
            1, 2.0, 30, "535.00", "2025=519.00", "535.00", "USD");

    final Map<String, Partner> partners = new HashMap<>();
    final Map<String, List<LocalDate>> received = new HashMap<>();
    final Map<String, BigDecimal> remaining = new HashMap<>();
    final List<Prospect> prospects = new ArrayList<>();
    LocalDate today = LocalDate.of(2026, 3, 10);
    int weeklyTarget = 1;

    static Partner partner(String id, boolean physician, String preferredChannel, String specialty, String organization) {
        return new Partner("clinic", id, "Sam", "Lee-" + id, physician ? "MD" : null, null, specialty, organization,
                null, "+12065550100", null, preferredChannel, "PROSPECT", physician, false, 1, Instant.EPOCH);
    }

    FakeFacts with(Partner p) {
        partners.put(p.id(), p);
        return this;
    }

    @Override
    public String clinicId() {
        return "clinic";
    }

    @Override
    public Instant now() {
        return today.atTime(9, 0).toInstant(ZoneOffset.UTC);
    }

    @Override
    public LocalDate today() {
        return today;
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
        return received.getOrDefault(practitionerId, List.of());
    }

    @Override
    public List<LocalDate> referralsSentTo(String practitionerId) {
        return List.of();
    }

    @Override
    public List<String> referringPartners(int minimum) {
        return List.of();
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
                today.getYear(), false, new BigDecimal("535.00"), new BigDecimal("535.00").subtract(left), left, "USD"));
    }

    @Override
    public List<TaskSnapshot> tasks(String practitionerId, TaskType type) {
        return List.of();
    }

    @Override
    public int weeklyNewContactTarget() {
        return weeklyTarget;
    }

    @Override
    public int newContactsDoneThisWeek() {
        return 0;
    }

    @Override
    public long openNewContacts() {
        return 0;
    }
}
