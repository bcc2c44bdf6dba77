package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.reports.repository.DirectoryRepository;
import app.rapport.reports.repository.ReferralRepository;
import app.rapport.reports.repository.ReportRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Queues reports: automatically when a referral is received, by hand for later progress and discharge reports. */
@Singleton
public class ReportQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ReportQueue.class);

    private final ReportRepository reports;
    private final ReferralRepository referrals;
    private final ConsentLedger consents;
    private final ReportPublisher events;
    private final ClinicCalendar calendar;
    private final DirectoryRepository directory;
    private final Clock clock;

    public ReportQueue(ReportRepository reports, ReferralRepository referrals, ConsentLedger consents, ReportPublisher events,
                       ClinicCalendar calendar, DirectoryRepository directory, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.reports = reports;
        this.referrals = referrals;
        this.consents = consents;
        this.events = events;
        this.calendar = calendar;
    }

    /**
     * An initial report to the referring practitioner, and one to the patient's PCP when named; their
     * ReportQueued events recorded together.
     */
    @Transactional
    public List<Report> onReferralReceived(ReferralRecord referral) {
        if (referral.patientReference() == null) {
            // The report table needs it, and its guarded insert would store an empty one instead of failing.
            throw new IllegalStateException("Referral " + referral.id() + " names no patient reference");
        }
        Instant now = now();
        List<Report> queued = new ArrayList<>();
        queueFirst(referral, referral.practitionerId(), RecipientRole.REFERRING_PRACTITIONER, now).ifPresent(queued::add);
        if (referral.primaryCareId() != null && !referral.primaryCareId().equals(referral.practitionerId())) {
            queueFirst(referral, referral.primaryCareId(), RecipientRole.PRIMARY_CARE, now).ifPresent(queued::add);
        }
        events.queued(queued, now);
        return queued;
    }

    /** A further report (e.g. the next PROGRESS or the DISCHARGE) on a received referral. */
    @Transactional
    public Report queueByHand(String clinicId, String referralId, RecipientRole role, ReportType type) {
        ReferralRecord referral = referrals.find(clinicId, referralId)
                .filter(r -> "RECEIVED".equals(r.direction()))
                .orElseThrow(() -> DomainException.invalidField("referralId", "no received referral with this id"));
        String recipient = role == RecipientRole.PRIMARY_CARE ? referral.primaryCareId() : referral.practitionerId();
        if (recipient == null) {
            throw DomainException.invalidField("recipientRole", "the referral names no primary care physician");
        }
        int next = reports.lastSequenceNumber(clinicId, referralId, recipient, type.name()) + 1;
        Instant now = now();
        Report report = reports.save(newReport(referral, recipient, role, type, next, now));
        events.queued(List.of(report), now);
        LOG.debug("Queued {} report {} for referral {} to {} ({})", type, report.id(), referral.id(), role,
                report.status());
        return report;
    }

    private Optional<Report> queueFirst(ReferralRecord referral, String recipient, RecipientRole role, Instant now) {
        // Only as far as their stated preferences ask: [] means no reports. A partner not yet in the
        // directory copy, or one who stated no list (the default: INITIAL and DISCHARGE), gets it.
        if (directory.find(referral.clinicId(), recipient)
                .filter(p -> p.hasReportPreferences() && !p.wantedReports().contains(ReportType.INITIAL)).isPresent()) {
            // Per event (queued from the referral consumers), so DEBUG: no INFO line per event (issue 14).
            LOG.debug("No INITIAL report for referral {} to {}: their preferences ask for none", referral.id(), role);
            return Optional.empty();
        }
        Report report = newReport(referral, recipient, role, ReportType.INITIAL, 1, now);
        // The inbox already skips a redelivered event; the unique key guards a replay under a new event id.
        if (reports.insertUnlessQueued(report.id(), report.clinicId(), report.referralId(), report.practitionerId(),
                role.name(), report.type().name(), report.sequenceNumber(), report.status().name(),
                report.patientReference(), now, now) == 0) {
            return Optional.empty();
        }
        LOG.debug("Queued INITIAL report {} for referral {} to {} ({})", report.id(), referral.id(), role,
                report.status());
        return Optional.of(report);
    }

    /** A report as it is first written: awaiting consent, or a draft when a valid consent covers it today. */
    private Report newReport(ReferralRecord referral, String recipient, RecipientRole role, ReportType type,
                             int sequence, Instant now) {
        ReportStatus status = ReportLifecycle.firstStatus(consents.validFor(referral.clinicId(),
                referral.patientReference(), recipient, type, calendar.today(referral.clinicId())).isPresent());
        return new Report(UUID.randomUUID().toString(), referral.clinicId(), referral.id(), recipient, role, type,
                sequence, status, referral.patientReference(), null, now, now, null, null, null, null, 0);
    }

    private Instant now() {
        // One instant for the rows and their ReportQueued events, in milliseconds as the events have always said it.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
