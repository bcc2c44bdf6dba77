package app.rapport.outreach.domain;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.outreach.repository.PartnerHistory;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.ReferralFactRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.outreach.repository.WeeklyGoalRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Builds the read-only view rules decide on, for one clinic at one moment. */
@Singleton
public class ClinicFacts {

    private final OutreachSettings settings;
    private final PartnerRepository partners;
    private final ReferralFactRepository referrals;
    private final PartnerHistory history;
    private final TaskRepository tasks;
    private final WeeklyGoalRepository goals;
    private final ClinicProfiles clinics;
    private final GiftLedger ledger;

    public ClinicFacts(OutreachSettings settings, PartnerRepository partners, ReferralFactRepository referrals,
                       PartnerHistory history, TaskRepository tasks, WeeklyGoalRepository goals, ClinicProfiles clinics, GiftLedger ledger) {
        this.settings = settings;
        this.clinics = clinics;
        this.ledger = ledger;
        this.partners = partners;
        this.referrals = referrals;
        this.history = history;
        this.tasks = tasks;
        this.goals = goals;
    }

    /** The clinic's weekly target: its own, or the configured default. */
    public int weeklyTarget(String clinicId) {
        return goals.findTargetByClinicId(clinicId).orElse(settings.weeklyNewPractitioners());
    }

    /** NEW_CONTACT tasks done in the week (Monday to Sunday, clinic time) that starts on {@code monday}. */
    public int newContactsDone(String clinicId, LocalDate monday) {
        ZoneId zone = clinics.zoneOf(clinicId);
        return tasks.newContactsDone(clinicId, monday.atStartOfDay(zone).toInstant(),
                monday.plusWeeks(1).atStartOfDay(zone).toInstant()).size();
    }

    public OutreachFacts forClinic(String clinicId, Instant now) {
        ClinicProfile profile = clinics.of(clinicId);
        LocalDate today = now.atZone(clinics.zoneOf(profile)).toLocalDate();
        return new OutreachFacts() {
            @Override
            public String clinicId() {
                return clinicId;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public LocalDate today() {
                return today;
            }

            @Override
            public OutreachSettings settings() {
                return settings;
            }

            // Partner snapshots only change through the directory consumer, so for the life of one view
            // (an event, a poll's batch, one periodic check) each is read once, however many rules ask.
            private final Map<String, Optional<Partner>> partnersRead = new HashMap<>();

            @Override
            public Optional<Partner> partner(String practitionerId) {
                return partnersRead.computeIfAbsent(practitionerId, id -> partners.find(clinicId, id));
            }

            @Override
            public List<LocalDate> referralsReceivedFrom(String practitionerId) {
                return referrals.dates(clinicId, practitionerId, ReferralFactRepository.RECEIVED);
            }

            @Override
            public List<LocalDate> referralsSentTo(String practitionerId) {
                return referrals.dates(clinicId, practitionerId, ReferralFactRepository.SENT);
            }

            // Within one view facts and tasks are only added, never removed, and "now" stands still:
            // a count that reached its cap, or a task found since a moment, stays so for the view's
            // life. Those answers are kept (a busy referrer's batch reads them once); the others are
            // read again, since the batch may itself add what changes them.
            private final Set<List<Object>> countsAtCap = new HashSet<>();
            private final Set<List<Object>> tasksFound = new HashSet<>();

            @Override
            public long referralsReceivedFrom(String practitionerId, LocalDate from, LocalDate to, int atMost) {
                List<Object> key = List.of(practitionerId, from, to, atMost);
                if (countsAtCap.contains(key)) {
                    return atMost;
                }
                long counted = history.countReferralsBetween(clinicId, practitionerId, ReferralFactRepository.RECEIVED,
                        from, to, atMost);
                if (atMost > 0 && counted >= atMost) {
                    countsAtCap.add(key);
                }
                return counted;
            }

            @Override
            public long referralsSentCount(String practitionerId) {
                return history.referrals(clinicId, practitionerId, ReferralFactRepository.SENT);
            }

            @Override
            public List<String> referringPartners(int minimum) {
                return history.partnersWithAtLeast(clinicId, ReferralFactRepository.RECEIVED, minimum);
            }

            @Override
            public List<Partner> uncontactedProspects(int limit) {
                return partners.uncontactedProspects(clinicId, limit);
            }

            @Override
            public List<Prospect> prospects() {
                return partners.uncontactedProspects(clinicId).stream().map(p -> new Prospect(p.partner(),
                        p.introducedById() == null ? null : partners.find(clinicId, p.introducedById()).orElse(null),
                        FocusNiches.matching(profile.focusNiches(), p.partner()).orElse(null))).toList();
            }

            @Override
            public ClinicProfile clinic() {
                return profile;
            }

            @Override
            public Optional<GiftLedger.Allowance> giftAllowance(String practitionerId) {
                return partners.find(clinicId, practitionerId).map(p -> ledger.allowance(p, today.getYear()));
            }

            @Override
            public List<TaskSnapshot> tasks(String practitionerId, TaskType type) {
                return tasks.findByClinicIdAndPractitionerIdAndType(clinicId, practitionerId, type).stream()
                        .map(TaskSnapshot::of).toList();
            }

            @Override
            public boolean taskCreatedSince(String practitionerId, TaskType type, Instant since) {
                List<Object> key = List.of(practitionerId, type, since);
                if (tasksFound.contains(key)) {
                    return true;
                }
                boolean found = history.taskCreatedSince(clinicId, practitionerId, type, since);
                if (found) {
                    tasksFound.add(key);
                }
                return found;
            }

            @Override
            public int weeklyNewContactTarget() {
                return weeklyTarget(clinicId);
            }

            @Override
            public int newContactsDoneThisWeek() {
                return newContactsDone(clinicId, BusinessDays.weekStart(today));
            }

            @Override
            public long openNewContacts() {
                return tasks.countOpenNewContacts(clinicId);
            }
        };
    }
}
