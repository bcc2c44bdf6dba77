package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.phone.PhoneNumbers;
import app.rapport.referrals.repository.AttachmentRepository;
import app.rapport.referrals.repository.PartnerRepository;
import app.rapport.referrals.repository.PatientRepository;
import app.rapport.referrals.repository.ReferralRepository;
import app.rapport.referrals.repository.StatusChangeRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Where referrals are opened and their status is changed. Every change commits together with its
 * history row and its event (outbox); a refused change writes nothing. Logs name referral ids only.
 */
@Singleton
public class ReferralLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ReferralLedger.class);
    /** Moves that must say why: a partner deserves to know why a patient was turned away. */
    private static final Set<ReferralStatus> NEED_REASON = Set.of(ReferralStatus.DECLINED, ReferralStatus.CANCELLED);

    private final ReferralRepository referrals;
    private final PatientRepository patients;
    private final StatusChangeRepository history;
    private final AttachmentRepository attachments;
    private final PartnerRepository partners;
    private final ReferralPublisher events;
    private final Clock clock;
    private final ClinicCalendar calendar;

    public ReferralLedger(ReferralRepository referrals, PatientRepository patients, StatusChangeRepository history,
                          AttachmentRepository attachments, PartnerRepository partners, ReferralPublisher events, Clock clock,
                          ClinicCalendar calendar) {
        this.referrals = referrals;
        this.patients = patients;
        this.history = history;
        this.attachments = attachments;
        this.partners = partners;
        this.events = events;
        this.clock = clock;
        this.calendar = calendar;
    }

    /**
     * Opens a referral in its first status and publishes ReferralReceived or ReferralSent.
     *
     * @param actor        the JWT subject, or {@link StatusChange#INTAKE}
     * @param intakeLinkId the link it came through, if any
     */
    @Transactional
    public OpenedReferral open(String clinicId, String actor, ReferralDraft draft, @Nullable String intakeLinkId) {
        Partner partner = requireActivePartners(clinicId, draft.practitionerId(), draft.primaryCarePractitionerId());
        if (blank(draft.patient().phone()) && blank(draft.patient().email())) {
            throw DomainException.invalidField("patient.phone", "a phone or an e-mail is needed to reach the patient");
        }
        ReferralDraft.PatientDetails patientDetails = withE164Phone(draft.patient());
        ReferralDraft.ReferrerContact contact = withE164Phone(draft.referrerContact());
        // Undated, it is the clinic's today: at 4 pm in Seattle a referral is received on that day, not UTC's next.
        LocalDate referredOn = draft.referredOn() != null ? draft.referredOn()
                : calendar.dayOf(clinicId, clock.instant());
        if (referredOn.isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1))) {
            // One day of slack: a clinic west of UTC is still "today" when UTC is tomorrow.
            throw DomainException.invalidField("referredOn", "must not be in the future");
        }
        // As stored (TIMESTAMP(6)), so the 201 built from these values says what a later read says.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        PatientOnFile onFile = patientFor(clinicId, patientDetails, intakeLinkId != null, now);
        Patient patient = onFile.patient();
        ReferralStatus initial = ReferralStateMachine.initial(draft.direction());
        ReferralDraft.TreatingPractitioner treating = draft.treatingPractitioner();
        Referral referral = referrals.save(new Referral(UUID.randomUUID().toString(), clinicId, draft.direction(),
                draft.kind(), draft.practitionerId(), patient.id(), draft.reason(),
                Referral.joinCodes(draft.diagnosisCodes()), draft.requestedService(), draft.urgency(), draft.channel(),
                referredOn, treating == null ? null : treating.id(), treating == null ? null : treating.name(),
                treating == null ? null : treating.credentials(), draft.primaryCarePractitionerId(), intakeLinkId,
                initial, null, null, null, null, null, actor, now, now,
                contact == null ? null : contact.name(), contact == null ? null : contact.phone(),
                contact == null ? null : contact.email(), null, null, 0));
        List<Attachment> attached = new ArrayList<>();
        for (ReferralDraft.AttachmentDetails a : draft.attachments()) {
            attached.add(new Attachment(UUID.randomUUID().toString(), clinicId, referral.id(), attached.size(),
                    a.fileName(), a.contentType(), a.sizeBytes(), a.description()));
        }
        if (!attached.isEmpty()) {
            attachments.saveAll(attached);
        }
        StatusChange first = history.save(new StatusChange(UUID.randomUUID().toString(), clinicId, referral.id(), 1,
                null, initial, intakeLinkId != null ? "Submitted through the partner's intake link" : null, actor, now,
                null));
        events.opened(referral, referral.direction() == Direction.RECEIVED ? patient : null);
        // Per request, so DEBUG: at INFO the line would cost the hot path more than its worth (issue 14).
        LOG.debug("Referral {} opened ({}, {}) in clinic {}", referral.id(), referral.direction(), referral.channel(),
                clinicId);
        return new OpenedReferral(referral, partner, patient, attached, first, onFile.namesakes());
    }

    /**
     * The referral's partner (active) and, if named, its primary-care practitioner (in the directory),
     * read together in one look-up.
     */
    private Partner requireActivePartners(String clinicId, String practitionerId,
                                          @Nullable String primaryCarePractitionerId) {
        if (primaryCarePractitionerId == null || primaryCarePractitionerId.equals(practitionerId)) {
            return requireActivePartner(clinicId, practitionerId, "practitionerId");
        }
        List<Partner> found = partners.findByClinicIdAndPractitionerIdIn(clinicId,
                List.of(practitionerId, primaryCarePractitionerId));
        Partner partner = found.stream().filter(p -> p.practitionerId().equals(practitionerId)).findFirst()
                .orElseThrow(() -> notInDirectory(practitionerId, "practitionerId"));
        requireNotArchived(partner, "practitionerId");
        if (found.stream().noneMatch(p -> p.practitionerId().equals(primaryCarePractitionerId))) {
            throw notInDirectory(primaryCarePractitionerId, "primaryCarePractitionerId");
        }
        return partner;
    }

    /**
     * Moves a referral on its state machine. An illegal move is a 409 and changes nothing.
     */
    @Transactional
    public Referral transition(String clinicId, String referralId, @Nullable String ifMatch, ReferralStatus to,
                               @Nullable String reason, @Nullable LocalDate occurredOn, String actor) {
        Referral referral = referrals.lockByIdAndClinicId(referralId, clinicId)
                .orElseThrow(() -> DomainException.notFound("Referral", referralId));
        VersionCheck.check(ifMatch, referral.version(), "Referral " + referralId);
        if (NEED_REASON.contains(to) && blank(reason)) {
            throw DomainException.invalidField("reason", "say why the referral is " + to.name().toLowerCase());
        }
        if (occurredOn != null) {
            checkOccurredOn(referral, occurredOn);
        }
        return move(referral, to, blank(reason) ? null : reason.trim(), occurredOn, actor);
    }

    /**
     * A move entered later happened between the referral's last move and today, in the clinic's zone:
     * history stays in order, and nothing is dated in the future.
     */
    private void checkOccurredOn(Referral referral, LocalDate occurredOn) {
        LocalDate today = calendar.dayOf(referral.clinicId(), clock.instant());
        if (occurredOn.isAfter(today)) {
            throw DomainException.invalidField("occurredOn", "is after today (" + today + ") in the clinic's time zone");
        }
        // The first status is the referral's own day (referredOn), whenever it was typed in.
        LocalDate earliest = history.findByClinicIdAndReferralIdOrderByStepAsc(referral.clinicId(), referral.id())
                .stream().filter(change -> change.fromStatus() != null).map(this::dayOf)
                .max(LocalDate::compareTo).filter(day -> day.isAfter(referral.referredOn())).orElse(referral.referredOn());
        if (occurredOn.isBefore(earliest)) {
            throw DomainException.invalidField("occurredOn", "is before the referral's last step, on " + earliest
                    + "; a move cannot come before the one it follows");
        }
    }

    /** The day a move happened, in the clinic's time zone. */
    public LocalDate dayOf(StatusChange change) {
        return change.occurredOn() != null ? change.occurredOn() : calendar.dayOf(change.clinicId(), change.changedAt());
    }

    /** Moves an already locked referral, inside the caller's transaction (e.g. the first visit). */
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public Referral move(Referral referral, ReferralStatus to, @Nullable String reason, String actor) {
        return move(referral, to, reason, null, actor);
    }

    private Referral move(Referral referral, ReferralStatus to, @Nullable String reason, @Nullable LocalDate occurredOn,
                          String actor) {
        try {
            ReferralStateMachine.check(referral.direction(), referral.status(), to);
        } catch (ReferralStateMachine.IllegalTransitionException e) {
            throw DomainException.conflict(e.getMessage())
                    .with("referralId", referral.id())
                    .with("status", referral.status().name())
                    .with("allowed", e.allowed().stream().map(Enum::name).toList());
        }
        Instant now = clock.instant();
        if (referrals.moveStatus(referral.id(), referral.clinicId(), referral.status().name(), to.name(), now) != 1) {
            throw DomainException.conflict("Referral " + referral.id() + " changed meanwhile; reload it and try again");
        }
        // The referral row is locked by the caller, so counting gives the next step without a race.
        int step = (int) history.countByClinicIdAndReferralId(referral.clinicId(), referral.id()) + 1;
        history.save(new StatusChange(UUID.randomUUID().toString(), referral.clinicId(), referral.id(), step,
                referral.status(), to, reason, actor, now, occurredOn));
        events.moved(referral, to, reason, actor, now, occurredOn);
        LOG.debug("Referral {} moved {} -> {} by {}", referral.id(), referral.status(), to, actor);
        return referrals.findByIdAndClinicId(referral.id(), referral.clinicId()).orElseThrow();
    }

    /** The partner must be in the clinic's directory copy and not archived. */
    public Partner requireActivePartner(String clinicId, String practitionerId, String field) {
        return requireNotArchived(requirePartner(clinicId, practitionerId, field), field);
    }

    private static Partner requireNotArchived(Partner partner, String field) {
        if (partner.archived()) {
            throw DomainException.invalidField(field, "practitioner " + partner.practitionerId()
                    + " is archived in the directory; restore them in contacts-service to refer again");
        }
        return partner;
    }

    public Partner requirePartner(String clinicId, String practitionerId, String field) {
        return partners.findByClinicIdAndPractitionerId(clinicId, practitionerId)
                .orElseThrow(() -> notInDirectory(practitionerId, field));
    }

    private static DomainException notInDirectory(String practitionerId, String field) {
        return DomainException.invalidField(field, "practitioner " + practitionerId
                + " is not in this clinic's directory (a partner added in contacts-service appears here within seconds)");
    }

    /**
     * The same person referred again keeps one patient reference, so consents stay matched. Staff, who
     * speak to the patient, may correct the contact details on file. An intake submission may not: anyone
     * holding a partner's link could otherwise redirect an existing patient's phone and e-mail (ADR 0205).
     * It reuses the patient only when every contact detail it gives is the one on file; otherwise it opens a
     * new patient, and the referral shows the same-named patients as candidates for staff to judge.
     */
    private PatientOnFile patientFor(String clinicId, ReferralDraft.PatientDetails details, boolean fromIntake,
                                     Instant now) {
        Patient given = new Patient(UUID.randomUUID().toString(), clinicId, details.firstName(), details.lastName(),
                details.birthDate(), blank(details.phone()) ? null : details.phone(),
                blank(details.email()) ? null : details.email(), now);
        // Most referrals name someone new to the clinic: one statement opens them, and there is no namesake.
        if (patients.openFirstOfName(given.id(), clinicId, given.firstName(), given.lastName(), given.birthDate(),
                given.phone(), given.email(), now) == 1) {
            return new PatientOnFile(given, List.of(given));
        }
        List<Patient> sameNameAndBirthDate = new ArrayList<>(patients.namesakesOnFile(clinicId, details.lastName(),
                details.firstName(), details.birthDate()));
        if (fromIntake) {
            Optional<Patient> agreeing = sameNameAndBirthDate.stream()
                    .filter(p -> agrees(details.phone(), p.phone()) && agrees(details.email(), p.email())).findFirst();
            if (agreeing.isPresent()) {
                return new PatientOnFile(agreeing.get(), sameNameAndBirthDate);
            }
        } else if (!sameNameAndBirthDate.isEmpty()) {
            Patient p = sameNameAndBirthDate.get(0);
            String phone = blank(details.phone()) ? p.phone() : details.phone();
            String email = blank(details.email()) ? p.email() : details.email();
            if (!Objects.equals(phone, p.phone()) || !Objects.equals(email, p.email())) {
                // Only the contact columns, so a concurrent change to the rest of the row is not undone.
                patients.updateContact(p.id(), clinicId, phone, email);
                p = new Patient(p.id(), clinicId, p.firstName(), p.lastName(), p.birthDate(), phone, email, p.createdAt());
                sameNameAndBirthDate.set(0, p);
            }
            return new PatientOnFile(p, sameNameAndBirthDate);
        }
        patients.openNamesake(given.id(), clinicId, given.firstName(), given.lastName(), given.birthDate(),
                given.phone(), given.email(), now);
        sameNameAndBirthDate.add(given);
        return new PatientOnFile(given, sameNameAndBirthDate);
    }

    /** The patient a referral names, and everyone of their name and birth date (for staff to judge). */
    private record PatientOnFile(Patient patient, List<Patient> namesakes) {
    }

    /** A detail the submission leaves out says nothing; one it gives must be the one on file. */
    private static boolean agrees(@Nullable String given, @Nullable String onFile) {
        return blank(given) || given.equalsIgnoreCase(onFile == null ? "" : onFile);
    }

    /**
     * Staff and partners' offices type a phone as they say it ("(206) 555-0142", "206.555.0142");
     * stored as E.164 (North American without a country code, as partners' numbers are) so the same
     * patient's number reads the same on every referral.
     */
    private static ReferralDraft.PatientDetails withE164Phone(ReferralDraft.PatientDetails details) {
        if (blank(details.phone())) {
            return details;
        }
        return new ReferralDraft.PatientDetails(details.firstName(), details.lastName(), details.birthDate(),
                e164(details.phone(), "patient.phone"), details.email());
    }

    /** The referring office's call-back number, typed on its intake form, read the same way as a patient's. */
    private static ReferralDraft.ReferrerContact withE164Phone(@Nullable ReferralDraft.ReferrerContact contact) {
        if (contact == null) {
            return null;
        }
        return new ReferralDraft.ReferrerContact(contact.name(),
                blank(contact.phone()) ? null : e164(contact.phone(), "contact.phone"), contact.email());
    }

    private static String e164(String typed, String field) {
        return PhoneNumbers.toE164(typed).orElseThrow(() -> DomainException.invalidField(field,
                "is not a phone number; write it as (206) 555-0142 or +12065550142"));
    }

    public static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    public static List<ReferralStatus> allowedNext(Referral referral) {
        return ReferralStateMachine.allowedFrom(referral.direction(), referral.status());
    }
}
