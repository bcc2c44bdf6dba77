package app.rapport.referrals.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.referrals.repository.ReferralRepository;
import app.rapport.referrals.repository.StatusChangeRepository;
import app.rapport.referrals.repository.VisitRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Records a referred patient's visits. The first visit of a SCHEDULED referral moves it to
 * IN_TREATMENT (changed by {@code system}); every visit is published as VisitRecorded so
 * reports-service can count conversion, visits and revenue per referral source.
 */
@Singleton
public class VisitLog {

    private static final Logger LOG = LoggerFactory.getLogger(VisitLog.class);
    /** A visit needs an appointment made; COMPLETED still takes a late-entered (e.g. discharge) visit. */
    static final Set<ReferralStatus> VISITABLE = EnumSet.of(ReferralStatus.SCHEDULED, ReferralStatus.IN_TREATMENT,
            ReferralStatus.COMPLETED);

    private final ReferralRepository referrals;
    private final VisitRepository visits;
    private final ReferralLedger ledger;
    private final ReferralPublisher events;
    private final StatusChangeRepository history;
    private final ClinicCalendar calendar;
    private final Clock clock;

    public VisitLog(ReferralRepository referrals, VisitRepository visits, ReferralLedger ledger, ReferralPublisher events,
                    StatusChangeRepository history, ClinicCalendar calendar, Clock clock) {
        this.referrals = referrals;
        this.visits = visits;
        this.ledger = ledger;
        this.events = events;
        this.history = history;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** One visit to record; {@code externalRef} (e.g. an appointment id) makes re-imports harmless. */
    public record VisitDraft(LocalDate visitDate, VisitType type, @Nullable BigDecimal billedAmount,
                             @Nullable String currency, String source, @Nullable String externalRef) {
    }

    /** What happened to a visit: recorded now, or already there (a duplicate is not recorded twice). */
    public record Outcome(Visit visit, boolean duplicate) {
    }

    @Transactional
    public Outcome record(String clinicId, String referralId, VisitDraft draft, String actor) {
        Referral referral = referrals.lockByIdAndClinicId(referralId, clinicId)
                .orElseThrow(() -> DomainException.notFound("Referral", referralId));
        if (draft.externalRef() != null) {
            var existing = visits.findByClinicIdAndSourceAndExternalRef(clinicId, draft.source(), draft.externalRef());
            if (existing.isPresent()) {
                return new Outcome(existing.get(), true);
            }
        } else if (!Visit.API.equals(draft.source())) {
            // An import without appointment ids: the same day and type again is the same visit re-exported.
            var sameDay = visits.findByClinicIdAndReferralIdAndVisitDateAndType(clinicId, referralId, draft.visitDate(),
                    draft.type());
            if (!sameDay.isEmpty()) {
                return new Outcome(sameDay.get(0), true);
            }
        }
        if (referral.direction() != Direction.RECEIVED) {
            throw DomainException.conflict("Visits are recorded on referrals the clinic received; "
                    + referral.id() + " was sent to a partner").with("referralId", referral.id());
        }
        if (!VISITABLE.contains(referral.status())) {
            throw DomainException.conflict("Referral " + referral.id() + " is " + referral.status()
                            + "; visits are recorded once it is SCHEDULED")
                    .with("referralId", referral.id()).with("status", referral.status().name());
        }
        if (draft.visitDate().isAfter(LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1))) {
            throw DomainException.invalidField("visitDate", "must not be in the future");
        }
        // A visit before the referral was accepted is a mistyped date (or another course of care) and would
        // count as revenue the referral did not bring.
        LocalDate acceptedOn = acceptedOn(referral);
        if (draft.visitDate().isBefore(acceptedOn)) {
            throw DomainException.invalidField("visitDate", "is before the referral was accepted: it was accepted on "
                    + acceptedOn + " (" + calendar.zoneOf(clinicId) + "), so its visits are on or after that day");
        }
        int number = (int) visits.countByClinicIdAndReferralId(clinicId, referralId) + 1;
        Visit visit = visits.save(new Visit(UUID.randomUUID().toString(), clinicId, referralId, number,
                draft.visitDate(), draft.type(), draft.billedAmount(), draft.billedAmount() == null ? null : draft.currency(),
                draft.source(), draft.externalRef(), actor, clock.instant()));
        events.visitRecorded(referral, visit);
        if (referral.status() == ReferralStatus.SCHEDULED) {
            ledger.move(referral, ReferralStatus.IN_TREATMENT, "First visit recorded", StatusChange.SYSTEM);
        }
        LOG.debug("Visit {} (number {}) recorded on referral {}", visit.id(), number, referralId);
        return new Outcome(visit, false);
    }

    /**
     * The day of the ACCEPTED move: the day staff gave when they entered it later, else its day in the
     * clinic's time zone (accepted at 22:30 in Seattle is that day,
     * though UTC has moved on). Every visitable referral went through ACCEPTED; were the row missing, the
     * day it was received is the earliest acceptance could have been.
     */
    private LocalDate acceptedOn(Referral referral) {
        return history.findByClinicIdAndReferralIdAndToStatus(referral.clinicId(), referral.id(),
                        ReferralStatus.ACCEPTED).stream().findFirst()
                .map(ledger::dayOf)
                .orElse(referral.referredOn());
    }

    /** The amount as the contract wants it: a decimal string with at least two fraction digits. */
    public static String amount(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
    }
}
