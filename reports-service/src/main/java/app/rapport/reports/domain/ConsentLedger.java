package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.reports.repository.ConsentRepository;
import app.rapport.reports.repository.ReferralRepository;
import app.rapport.reports.repository.ReportRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;

/**
 * The patient's consents to disclose, and the one rule that gates every report: it goes to a
 * recipient only under a consent valid for that recipient and report type on the day it is sent.
 */
@Singleton
public class ConsentLedger {

    /** These writes record no event, so the outbox cannot mark a retried request as applied: they do. */
    private final IdempotentEffects idempotentEffects;
    private final ConsentRepository consents;
    private final ReportRepository reports;
    private final ReportLifecycle lifecycle;
    private final ReferralRepository referrals;
    private final ClinicCalendar calendar;
    private final Clock clock;

    public ConsentLedger(ConsentRepository consents, ReportRepository reports, ReportLifecycle lifecycle,
                         ReferralRepository referrals, ClinicCalendar calendar, IdempotentEffects idempotentEffects,
                         Clock clock) {
        this.clock = clock;
        this.idempotentEffects = idempotentEffects;
        this.consents = consents;
        this.reports = reports;
        this.lifecycle = lifecycle;
        this.referrals = referrals;
        this.calendar = calendar;
    }

    /** The consent a report of {@code type} (null: a letter) may be disclosed under on {@code day}, if any (the latest recorded). */
    public Optional<Consent> validFor(String clinicId, String patientReference, String practitionerId,
                                      @Nullable ReportType type, LocalDate day) {
        return validAmong(consents.findByClinicIdAndPatientReferenceAndPractitionerId(clinicId, patientReference,
                practitionerId), type, day);
    }

    /**
     * {@link #validFor} for several recipients of one patient's report at once, in one read: a
     * received referral's first reports to its referrer and the patient's PCP (issue 14).
     *
     * @return for each of {@code practitionerIds}, whether a consent permits the report on {@code day}
     */
    public Map<String, Boolean> validForEach(String clinicId, String patientReference, List<String> practitionerIds,
                                             @Nullable ReportType type, LocalDate day) {
        Map<String, List<Consent>> byRecipient = consents.findByClinicIdAndPatientReferenceAndPractitionerIdIn(clinicId,
                patientReference, practitionerIds).stream().collect(Collectors.groupingBy(Consent::practitionerId));
        Map<String, Boolean> valid = new LinkedHashMap<>();
        for (String practitionerId : practitionerIds) {
            valid.put(practitionerId, validAmong(byRecipient.getOrDefault(practitionerId, List.of()), type, day).isPresent());
        }
        return valid;
    }

    private static Optional<Consent> validAmong(List<Consent> all, @Nullable ReportType type, LocalDate day) {
        return all.stream().filter(c -> c.permits(type, day)).max(Comparator.comparing(Consent::recordedAt));
    }

    /**
     * The consent a disclosure of {@code type} (null: a letter) goes out under on {@code day},
     * decided on the consents as committed now and locked until the caller's transaction ends: a
     * revocation committed before is seen, and one made meanwhile waits until the disclosure is logged.
     *
     * @throws DomainException 409 {@code consent-required}, its {@code reason} a {@link ConsentGap}
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Consent requireLocked(String clinicId, String patientReference, String practitionerId,
                                 @Nullable ReportType type, LocalDate day) {
        List<Consent> all = consents.lockAll(clinicId, patientReference, practitionerId);
        return validAmong(all, type, day).orElseThrow(() -> {
            ConsentGap gap = gapAmong(all, day);
            return DomainException.refused(DomainException.Refusal.CONFLICT, "consent-required", "No valid consent",
                    words(gap, type, day)).with("reason", gap.name());
        });
    }

    /** Why no consent is valid on {@code day} (call when {@link #validFor} found none). */
    public ConsentGap gap(String clinicId, String patientReference, String practitionerId, LocalDate day) {
        return gapAmong(consents.findByClinicIdAndPatientReferenceAndPractitionerId(clinicId, patientReference,
                practitionerId), day);
    }

    private static ConsentGap gapAmong(List<Consent> all, LocalDate day) {
        if (all.isEmpty()) {
            return ConsentGap.MISSING;
        }
        if (all.stream().allMatch(c -> c.revokedAt() != null)) {
            return ConsentGap.REVOKED;
        }
        if (all.stream().anyMatch(c -> c.revokedAt() == null && c.validTo() != null && day.isAfter(c.validTo()))) {
            return ConsentGap.EXPIRED;
        }
        return ConsentGap.OUT_OF_SCOPE;
    }

    /** {@link #gap} in words for the problem detail (no patient data). */
    public static String words(ConsentGap gap, @Nullable ReportType type, LocalDate day) {
        return switch (gap) {
            case MISSING -> "No consent to disclose to this recipient is on file";
            case REVOKED -> "The patient revoked the consent to disclose to this recipient";
            case EXPIRED -> "The consent to disclose to this recipient expired";
            case OUT_OF_SCOPE -> type == null ? "No consent to disclose to this recipient is valid on " + day
                    : "No consent covers a " + type + " report to this recipient on " + day;
        };
    }

    /** {@code validFrom} absent: today in the clinic's time zone, the day the send gate counts in. */
    @Transactional
    public Consent record(String clinicId, String user, String patientReference, String practitionerId,
                          Set<ReportType> scope, LocalDate from, LocalDate validTo, ConsentObtainedVia via) {
        LocalDate validFrom = from != null ? from : calendar.today(clinicId);
        if (validTo != null && validTo.isBefore(validFrom)) {
            throw DomainException.invalidField("validTo", "must not be before validFrom");
        }
        if (!referrals.knowsPatient(clinicId, patientReference)) {
            throw DomainException.invalidField("patientReference", "no referred patient with this reference");
        }
        idempotentEffects.noteInCurrentTransaction();
        Consent consent = consents.save(new Consent(UUID.randomUUID().toString(), clinicId, patientReference,
                practitionerId, Consent.scopeOf(scope), validFrom, validTo, via, user, clock.instant(), null, null, null, 0));
        reevaluate(clinicId, patientReference, practitionerId);
        return consent;
    }

    /**
     * Revokes under the consent's row lock: a send deciding under this consent finishes logging its
     * disclosure first, and nothing is sent under it once this commits. {@code ifMatch} (the
     * consent's ETag) makes a revocation of a version someone else changed a 412.
     */
    @Transactional
    public Consent revoke(String clinicId, String user, String consentId, String reason, @Nullable String ifMatch) {
        Consent consent = consents.lock(consentId, clinicId)
                .orElseThrow(() -> DomainException.notFound("Consent", consentId));
        if (consent.revokedAt() != null) {
            throw DomainException.conflict("Consent " + consentId + " was already revoked");
        }
        VersionCheck.check(ifMatch, consent.version(), "Consent " + consentId);
        consents.revoke(consentId, clinicId, clock.instant(), user, reason, consent.version());
        reevaluate(clinicId, consent.patientReference(), consent.practitionerId());
        return consents.findByIdAndClinicId(consentId, clinicId).orElseThrow();
    }

    /**
     * Moves the unsent reports of this patient to this recipient between AWAITING_CONSENT and
     * DRAFT to match the consents valid today (a new consent releases them, a revocation holds them).
     * Each move is guarded by the status read here: a report a send claimed meanwhile is left alone.
     */
    @Transactional
    public void reevaluate(String clinicId, String patientReference, String practitionerId) {
        LocalDate today = calendar.today(clinicId);
        Instant now = clock.instant();
        for (Report r : reports.findByClinicIdAndPatientReferenceAndPractitionerIdAndStatus(clinicId, patientReference,
                practitionerId, ReportStatus.AWAITING_CONSENT)) {
            if (validFor(clinicId, patientReference, practitionerId, r.type(), today).isPresent()) {
                lifecycle.consentGiven(r, now);
            }
        }
        for (Report r : reports.findByClinicIdAndPatientReferenceAndPractitionerIdAndStatus(clinicId, patientReference,
                practitionerId, ReportStatus.DRAFT)) {
            if (validFor(clinicId, patientReference, practitionerId, r.type(), today).isEmpty()) {
                lifecycle.consentWithdrawn(r, now);
            }
        }
    }
}
