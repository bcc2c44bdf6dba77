package app.rapport.contacts.domain;

import app.rapport.contacts.repository.IntroductionRepository;
import app.rapport.contacts.repository.PractitionerRepository;
import app.rapport.contacts.repository.PractitionerTagRepository;
import app.rapport.contacts.repository.StageChangeRepository;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.phone.PhoneNumbers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLIntegrityConstraintViolationException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Where the directory changes: a partner entered, edited, moved along the relationship, archived,
 * introduced by another partner, and the referral and contact facts other services report. Every
 * change that consumers see is written with its event (PractitionerPublisher, the outbox) in one transaction.
 */
@Singleton
public class PractitionerDirectory {

    /** The actor named on changes the directory makes by itself (e.g. on the first referral). */
    public static final String SYSTEM = "system";
    private static final Logger LOG = LoggerFactory.getLogger(PractitionerDirectory.class);
    /** The stages a relationship can go quiet from: it was warm once. */
    private static final Set<RelationshipStage> COOLING = Set.of(RelationshipStage.CONTACTED, RelationshipStage.MET,
            RelationshipStage.REFERRING);

    private final PractitionerRepository practitioners;
    private final PractitionerTagRepository tags;
    private final StageChangeRepository stageChanges;
    private final IntroductionRepository introductions;
    private final PractitionerPublisher events;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public PractitionerDirectory(PractitionerRepository practitioners, PractitionerTagRepository tags,
                                 StageChangeRepository stageChanges, IntroductionRepository introductions,
                                 PractitionerPublisher events, TransactionOperations<Connection> transactions, Clock clock) {
        this.clock = clock;
        this.practitioners = practitioners;
        this.tags = tags;
        this.stageChanges = stageChanges;
        this.introductions = introductions;
        this.events = events;
        this.transactions = transactions;
    }

    /** Enters a partner as a PROSPECT (or the stage given) and publishes PractitionerRegistered. */
    public Practitioner register(String clinicId, String actor, PractitionerDetails details) {
        return guardingDuplicates(clinicId, details, null,
                () -> transactions.executeWrite(status -> insert(clinicId, actor, details, null)));
    }

    /**
     * Records that {@code introducerId} introduced a practitioner: a new one, entered as a PROSPECT
     * linked to the introducer, or one already in the directory.
     */
    public IntroducedPractitioner recordIntroduction(String clinicId, String actor, String introducerId,
                                                     @Nullable PractitionerDetails newPractitioner,
                                                     @Nullable String existingPractitionerId, @Nullable String note) {
        return guardingDuplicates(clinicId, newPractitioner, null, () -> transactions.executeWrite(status -> {
            Practitioner introducer = practitioners.findByIdAndClinicId(introducerId, clinicId)
                    .orElseThrow(() -> DomainException.notFound("Practitioner", introducerId));
            Practitioner introduced;
            if (existingPractitionerId != null) {
                introduced = practitioners.findByIdAndClinicId(existingPractitionerId, clinicId)
                        .orElseThrow(() -> DomainException.invalidField("practitionerId",
                                "no practitioner " + existingPractitionerId + " in this clinic's directory"));
                if (introduced.getId().equals(introducer.getId())) {
                    throw DomainException.invalidField("practitionerId", "a partner cannot introduce themselves");
                }
                if (introductions.findByClinicIdAndIntroducedByPractitionerIdAndPractitionerId(clinicId,
                        introducerId, existingPractitionerId).isPresent()) {
                    throw DomainException.conflict("This introduction is already recorded")
                            .with("existingId", existingPractitionerId);
                }
            } else {
                PractitionerDetails asProspect = withStage(Objects.requireNonNull(newPractitioner), RelationshipStage.PROSPECT);
                introduced = insert(clinicId, actor, asProspect, introducer.getId());
            }
            Instant now = now();
            Introduction introduction = introductions.save(new Introduction(UUID.randomUUID().toString(), clinicId,
                    introduced.getId(), introducer.getId(), blankToNull(note), actor, now));
            // Keyed by the introduced practitioner, so it follows their PractitionerRegistered.
            events.introductionRecorded(introduction, now);
            return new IntroducedPractitioner(introduction, introduced);
        }));
    }

    /** An edit of the partner's details; the stage moves only by {@link #changeStage}. */
    public Practitioner update(String clinicId, String actor, String id, @Nullable String ifMatch,
                               PractitionerDetails details) {
        return guardingDuplicates(clinicId, details, id, () -> transactions.executeWrite(status -> {
            Practitioner p = lockedActive(clinicId, id, ifMatch);
            if (details.stage() != null && details.stage() != p.getStage()) {
                throw DomainException.invalidField("stage",
                        "an edit keeps the stage; change it with POST /api/v1/practitioners/" + id + "/stage-changes");
            }
            PractitionerSnapshot before = PractitionerSnapshot.of(p);
            apply(p, details, actor, false);
            ContactPoints contact = normalise(details);
            ensureNoDuplicate(clinicId, id, details, contact);
            Instant now = now();
            p.setUpdatedAt(now);
            PractitionerSnapshot after = PractitionerSnapshot.of(p);
            // Every edit moves the version, so a second person saving over it gets a 412; but notes, tags
            // and owner never leave the service: an edit of only those is no event.
            boolean published = !after.equals(before.atVersion(after.version()));
            p.setVersion(p.getVersion() + 1);
            if (published) {
                events.updated(p, now);
            }
            practitioners.update(p);
            replaceTags(clinicId, id, details.tags());
            return p;
        }));
    }

    public Practitioner changeStage(String clinicId, String actor, String id, @Nullable String ifMatch,
                                    RelationshipStage to, @Nullable String reason) {
        return transactions.executeWrite(status -> {
            Practitioner p = lockedActive(clinicId, id, ifMatch);
            if (p.getStage() == to) {
                throw DomainException.conflict("The relationship is already at " + to);
            }
            moveStage(p, to, blankToNull(reason), actor, now());
            return p;
        });
    }

    public Practitioner archive(String clinicId, String actor, String id, @Nullable String ifMatch,
                                @Nullable String reason) {
        return transactions.executeWrite(status -> {
            Practitioner p = lockedActive(clinicId, id, ifMatch);
            Instant now = now();
            p.archive(now, blankToNull(reason));
            practitioners.update(p);
            LOG.info("Practitioner {} archived by {}", id, actor);
            events.archived(p, now);
            return p;
        });
    }

    /**
     * Brings an archived partner back (they returned to practice, or were archived by mistake):
     * their history was kept, so they are the same partner again, and the other services' copies
     * take the newer snapshot, so referrals may name them again.
     */
    public Practitioner restore(String clinicId, String actor, String id, @Nullable String ifMatch) {
        return transactions.executeWrite(status -> {
            Practitioner p = practitioners.findByIdAndClinicIdForUpdate(id, clinicId)
                    .orElseThrow(() -> DomainException.notFound("Practitioner", id));
            VersionCheck.check(ifMatch, p.getVersion(), "Practitioner " + id);
            if (!p.isArchived()) {
                throw DomainException.conflict("Practitioner " + id + " is not archived");
            }
            Instant now = now();
            p.restore(now);
            practitioners.update(p);
            LOG.info("Practitioner {} restored by {}", id, actor);
            events.updated(p, now);
            return p;
        });
    }

    public List<StageChange> stageHistory(String clinicId, String id) {
        practitioners.findByIdAndClinicId(id, clinicId).orElseThrow(() -> DomainException.notFound("Practitioner", id));
        return stageChanges.findByClinicIdAndPractitionerIdOrderByVersion(clinicId, id);
    }

    // ---------------------------------------------------------------- facts from other services

    /** A referral received from or sent to a partner, as referrals-service reported it. */
    public record Referral(String clinicId, String practitionerId, Direction direction, LocalDate on) {
        public enum Direction { RECEIVED, SENT }
    }

    /**
     * Counts a poll's referrals: each partner's row is locked and written once however many of them
     * name it (a busy referrer's backlog is one update, not one per referral), in a fixed order so
     * that two consumers locking the same partners cannot deadlock. The outcome is that of counting
     * them one by one: the counts add up, the first and last dates are the earliest and latest, and
     * a partner moves to REFERRING once, on the first referral ever received. Runs inside the
     * consumer's transaction.
     */
    public void referrals(List<Referral> referrals) {
        Map<Counted, Tally> tallies = new TreeMap<>(Comparator.comparing(Counted::clinicId)
                .thenComparing(Counted::practitionerId).thenComparing(Counted::direction));
        for (Referral r : referrals) {
            tallies.computeIfAbsent(new Counted(r.clinicId(), r.practitionerId(), r.direction()), k -> new Tally()).add(r.on());
        }
        tallies.forEach((counted, tally) -> practitioners.findByIdAndClinicIdForUpdate(counted.practitionerId(),
                counted.clinicId()).ifPresentOrElse(p -> count(p, counted.direction(), tally),
                () -> LOG.warn("{} referral(s) {} practitioner {} unknown to clinic {}; not counted", tally.count,
                        counted.direction() == Referral.Direction.RECEIVED ? "received from" : "sent to",
                        counted.practitionerId(), counted.clinicId())));
    }

    /** One partner's referrals in one direction. */
    private record Counted(String clinicId, String practitionerId, Referral.Direction direction) {
    }

    private void count(Practitioner p, Referral.Direction direction, Tally tally) {
        if (direction == Referral.Direction.SENT) {
            p.setReferralsSent(p.getReferralsSent() + tally.count);
            p.setFirstReferralSentOn(min(p.getFirstReferralSentOn(), tally.first));
            p.setLastReferralSentOn(max(p.getLastReferralSentOn(), tally.last));
            practitioners.update(p);
            return;
        }
        boolean first = p.getReferralsReceived() == 0;
        p.setReferralsReceived(p.getReferralsReceived() + tally.count);
        p.setFirstReferralReceivedOn(min(p.getFirstReferralReceivedOn(), tally.first));
        p.setLastReferralReceivedOn(max(p.getLastReferralReceivedOn(), tally.last));
        if (p.getStage() != RelationshipStage.REFERRING && !p.isArchived()) {
            moveStage(p, RelationshipStage.REFERRING,
                    first ? "First referral received" : "Referral received from a " + p.getStage().name().toLowerCase(Locale.ROOT) + " partner",
                    SYSTEM, now());
        } else {
            practitioners.update(p);
        }
    }

    /** How many referrals of one partner and direction a poll holds, and their earliest and latest day. */
    private static final class Tally {
        private int count;
        private LocalDate first;
        private LocalDate last;

        void add(LocalDate on) {
            count++;
            first = min(first, on);
            last = max(last, on);
        }
    }

    /** The clinic was in touch with the partner (a report or a status update sent); the latest contact wins. */
    public void contacted(String clinicId, String practitionerId, Instant at) {
        practitioners.findByIdAndClinicIdForUpdate(practitionerId, clinicId).ifPresentOrElse(p -> {
            if (noteContact(p, at)) {
                practitioners.update(p);
            }
        }, () -> LOG.warn("Contact with practitioner {} unknown to clinic {}; not recorded", practitionerId, clinicId));
    }

    /**
     * An outreach task with the partner was done: the latest contact, and a PROSPECT has now been
     * approached, so CONTACTED (ADR 0103). Any later stage stays: the directory never moves back by itself.
     */
    public void outreachDone(String clinicId, String practitionerId, Instant at) {
        practitioners.findByIdAndClinicIdForUpdate(practitionerId, clinicId).ifPresentOrElse(p -> {
            boolean newer = noteContact(p, at);
            if (p.getStage() == RelationshipStage.PROSPECT && !p.isArchived()) {
                moveStage(p, RelationshipStage.CONTACTED, "First outreach completed", SYSTEM, now());
            } else if (newer) {
                practitioners.update(p);
            }
        }, () -> LOG.warn("Outreach with practitioner {} unknown to clinic {}; not recorded", practitionerId, clinicId));
    }

    /**
     * outreach-service's quiet-partner rule found the partner silent much longer than their own
     * rhythm: the relationship is DORMANT (ADR 0103). A prospect never was warm, so it stays a prospect.
     */
    public void wentQuiet(String clinicId, String practitionerId, String reason) {
        practitioners.findByIdAndClinicIdForUpdate(practitionerId, clinicId).ifPresentOrElse(p -> {
            if (!p.isArchived() && COOLING.contains(p.getStage())) {
                moveStage(p, RelationshipStage.DORMANT, reason, SYSTEM, now());
            }
        }, () -> LOG.warn("Quiet practitioner {} unknown to clinic {}; stage not changed", practitionerId, clinicId));
    }

    /** @return whether {@code at} is the latest contact, now set on the row (not yet written) */
    private static boolean noteContact(Practitioner p, Instant at) {
        Instant truncated = seconds(at);
        if (p.getLastContactAt() == null || truncated.isAfter(p.getLastContactAt())) {
            p.setLastContactAt(truncated);
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------- internals

    private Practitioner insert(String clinicId, String actor, PractitionerDetails details, @Nullable String introducedBy) {
        ContactPoints contact = normalise(details);
        ensureNoDuplicate(clinicId, "", details, contact);
        Instant now = now();
        Practitioner p = new Practitioner();
        p.setId(UUID.randomUUID().toString());
        p.setClinicId(clinicId);
        apply(p, details, actor, true);
        p.setStage(details.stage() == null ? RelationshipStage.PROSPECT : details.stage());
        p.setIntroducedBy(introducedBy);
        p.setVersion(1);
        p.setCreatedAt(now);
        p.setUpdatedAt(now);
        practitioners.save(p);
        replaceTags(clinicId, p.getId(), details.tags());
        stageChanges.save(new StageChange(UUID.randomUUID().toString(), clinicId, p.getId(), null, p.getStage(),
                introducedBy != null ? "Introduced by a partner" : "Entered the directory", actor, now, p.getVersion()));
        events.registered(p, now);
        return p;
    }

    private void moveStage(Practitioner p, RelationshipStage to, @Nullable String reason, String actor, Instant now) {
        RelationshipStage from = p.getStage();
        p.moveTo(to, now);
        practitioners.update(p);
        stageChanges.save(new StageChange(UUID.randomUUID().toString(), p.getClinicId(), p.getId(), from, to, reason,
                actor, now, p.getVersion()));
        events.stageChanged(p, from, to, reason, actor, now);
    }

    private void apply(Practitioner p, PractitionerDetails d, String actor, boolean creating) {
        ContactPoints contact = normalise(d);
        p.setFirstName(d.firstName().strip());
        p.setLastName(d.lastName().strip());
        p.setCredentials(blankToNull(d.credentials()));
        p.setSpecialty(d.specialty());
        p.setOrganization(blankToNull(d.organization()));
        p.setNameKey(nameKey(d));
        p.setNpi(contact.npi());
        p.setEmail(contact.email());
        p.setPhone(contact.phone());
        p.setFax(contact.fax());
        PostalAddress a = d.address();
        p.setAddressLine1(a == null ? null : a.line1().strip());
        p.setAddressLine2(a == null ? null : blankToNull(a.line2()));
        p.setAddressCity(a == null ? null : a.city().strip());
        p.setAddressRegion(a == null ? null : blankToNull(a.region()));
        p.setAddressPostalCode(a == null ? null : blankToNull(a.postalCode()));
        p.setAddressCountry(a == null ? null : a.country());
        p.setPreferredThankYouChannel(d.preferredThankYouChannel() == null ? ThankYouChannel.HANDWRITTEN_NOTE
                : d.preferredThankYouChannel());
        ReportPreferences r = d.reportPreferences();
        p.setReportChannel(r == null ? null : r.channel());
        p.setReportEveryVisits(r == null ? null : r.everyVisits());
        p.setReportEveryWeeks(r == null ? null : r.everyWeeks());
        p.setReportTypes(r == null ? null : ReportPreferences.toColumn(r.reports()));
        p.setReportStatusUpdates(r == null ? null : ReportPreferences.toColumn(r.statusUpdates()));
        p.setNotes(blankToNull(d.notes()));
        p.setPhysicianOverride(d.physicianOverride());
        if (d.owner() != null && !d.owner().isBlank()) {
            p.setOwner(d.owner().strip());
        } else if (creating) {
            p.setOwner(actor);
        }
    }

    /** The identifiers a duplicate is recognised by, in the form they are stored. */
    record ContactPoints(@Nullable String npi, @Nullable String email, @Nullable String phone, @Nullable String fax) {
    }

    static ContactPoints normalise(@Nullable PractitionerDetails d) {
        if (d == null) {
            return new ContactPoints(null, null, null, null);
        }
        return new ContactPoints(npi(d.npi()),
                d.email() == null || d.email().isBlank() ? null : d.email().strip().toLowerCase(Locale.ROOT),
                phone("phone", d.phone()), phone("fax", d.fax()));
    }

    private static @Nullable String npi(@Nullable String text) {
        String npi = blankToNull(text);
        if (npi != null && !Npi.hasValidCheckDigit(npi)) {
            throw DomainException.invalidField("npi", "not a valid NPI: check digit");
        }
        return npi;
    }

    /**
     * First name, last name and organization folded so that case, spaces and punctuation do not
     * tell two entries apart ("O'Brien-Hale" = "obrien hale"); accents are left to the column's collation.
     */
    static String nameKey(PractitionerDetails d) {
        return fold(d.firstName()) + "|" + fold(d.lastName()) + "|" + fold(d.organization());
    }

    private static String fold(@Nullable String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static @Nullable String phone(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(text).orElseThrow(() -> DomainException.invalidField(field,
                "is not a phone number: give it with its country code (+1 206 555 0143) or as a 10-digit US number"));
    }

    private void ensureNoDuplicate(String clinicId, String exceptId, PractitionerDetails details, ContactPoints c) {
        if (c.npi() == null && c.email() == null && c.phone() == null) {
            // Nothing that identifies a person (a fax is often the whole office's): the same name at
            // the same organization as an active partner is likely the same partner.
            practitioners.findLikelyDuplicate(clinicId, exceptId, nameKey(details)).ifPresent(existing -> {
                throw DuplicatePractitionerException.likely(existing.getId());
            });
        }
        if (c.npi() == null && c.email() == null && c.phone() == null && c.fax() == null) {
            return;
        }
        practitioners.findDuplicate(clinicId, exceptId, c.npi(), c.email(), c.phone(), c.fax()).ifPresent(existing -> {
            throw DuplicatePractitionerException.sameIdentifiers(existing.getId(), matchedOn(existing, c));
        });
    }

    private static String matchedOn(Practitioner existing, ContactPoints c) {
        List<String> on = new ArrayList<>();
        if (c.npi() != null && c.npi().equals(existing.getNpi())) {
            on.add("NPI");
        }
        if (c.email() != null && c.email().equalsIgnoreCase(existing.getEmail())) {
            on.add("e-mail");
        }
        if (c.phone() != null && c.phone().equals(existing.getPhone())) {
            on.add("phone");
        }
        if (c.fax() != null && c.fax().equals(existing.getFax())) {
            on.add("fax");
        }
        return String.join(", ", on);
    }

    /**
     * Runs a write; when two requests race past the duplicate check, the unique index refuses the
     * second insert and it gets the same 409 the check gives.
     */
    private <T> T guardingDuplicates(String clinicId, @Nullable PractitionerDetails details, @Nullable String exceptId,
                                     Supplier<T> write) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            if (details == null || !isUniqueViolation(e)) {
                throw e;
            }
            ContactPoints c = normalise(details);
            Practitioner existing = transactions.executeRead(status -> practitioners.findDuplicate(clinicId,
                    exceptId == null ? "" : exceptId, c.npi(), c.email(), c.phone(), c.fax())).orElseThrow(() -> e);
            throw DuplicatePractitionerException.sameIdentifiers(existing.getId(), matchedOn(existing, c));
        }
    }

    /** Whether a write failed on a unique key (also used by {@link ClinicProfiles} for the first save). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
        }
        return false;
    }

    /** The partner locked; a person's change made on another version than the current one is a 412. */
    private Practitioner lockedActive(String clinicId, String id, @Nullable String ifMatch) {
        Practitioner p = practitioners.findByIdAndClinicIdForUpdate(id, clinicId)
                .orElseThrow(() -> DomainException.notFound("Practitioner", id));
        VersionCheck.check(ifMatch, p.getVersion(), "Practitioner " + id);
        if (p.isArchived()) {
            throw DomainException.refused(DomainException.Refusal.CONFLICT, "archived", "Archived",
                    "Practitioner " + id + " is archived; archived partners keep their history and change no more");
        }
        return p;
    }

    private void replaceTags(String clinicId, String practitionerId, @Nullable List<String> given) {
        tags.deleteByClinicIdAndPractitionerId(clinicId, practitionerId);
        if (given == null || given.isEmpty()) {
            return;
        }
        Set<String> normalised = new LinkedHashSet<>();
        given.forEach(t -> normalised.add(t.strip().toLowerCase(Locale.ROOT)));
        tags.saveAll(normalised.stream().map(t -> new PractitionerTag(null, clinicId, practitionerId, t)).toList());
    }

    private static PractitionerDetails withStage(PractitionerDetails d, RelationshipStage stage) {
        return new PractitionerDetails(d.firstName(), d.lastName(), d.credentials(), d.specialty(), d.organization(),
                d.npi(), d.email(), d.phone(), d.fax(), d.address(), d.preferredThankYouChannel(), d.reportPreferences(),
                stage, d.owner(), d.tags(), d.notes(), d.physicianOverride());
    }

    private Instant now() {
        return seconds(clock.instant());
    }

    /**
     * Times are kept to the second: Connector/J drops the fraction on MariaDB (it reads the
     * server as MySQL 5.5), so the API and the events say what every supported database stores.
     */
    static Instant seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static LocalDate min(@Nullable LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static LocalDate max(@Nullable LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /** An introduction and the practitioner it introduced. */
    public record IntroducedPractitioner(Introduction introduction, Practitioner practitioner) {
    }
}
