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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, RecipientRole> recipients = new LinkedHashMap<>();
        addUnlessUnwanted(recipients, referral, referral.practitionerId(), RecipientRole.REFERRING_PRACTITIONER);
        if (referral.primaryCareId() != null && !referral.primaryCareId().equals(referral.practitionerId())) {
            addUnlessUnwanted(recipients, referral, referral.primaryCareId(), RecipientRole.PRIMARY_CARE);
        }
        List<Report> first = new ArrayList<>();
        if (!recipients.isEmpty()) {
            // Both recipients' consents in one read; each report's first status depends on its own.
            Map<String, Boolean> consented = consents.validForEach(referral.clinicId(), referral.patientReference(),
                    List.copyOf(recipients.keySet()), ReportType.INITIAL, calendar.today(referral.clinicId()));
            recipients.forEach((recipient, role) -> first.add(newReport(referral, recipient, role, ReportType.INITIAL, 1,
                    ReportLifecycle.firstStatus(consented.get(recipient)), now)));
        }
        List<Report> queued = insertUnlessQueued(first);
        queued.forEach(r -> LOG.debug("Queued INITIAL report {} for referral {} to {} ({})", r.id(), referral.id(),
                r.recipientRole(), r.status()));
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
        ReportStatus status = ReportLifecycle.firstStatus(consents.validFor(clinicId, referral.patientReference(),
                recipient, type, calendar.today(clinicId)).isPresent());
        Report report = reports.save(newReport(referral, recipient, role, type, next, status, now));
        events.queued(List.of(report), now);
        LOG.debug("Queued {} report {} for referral {} to {} ({})", type, report.id(), referral.id(), role,
                report.status());
        return report;
    }

    /**
     * The recipient, unless their stated preferences ask for no INITIAL report: [] means no reports.
     * A partner not yet in the directory copy, or one who stated no list (the default: INITIAL and
     * DISCHARGE), gets it.
     */
    private void addUnlessUnwanted(Map<String, RecipientRole> recipients, ReferralRecord referral, String recipient,
                                   RecipientRole role) {
        if (directory.find(referral.clinicId(), recipient)
                .filter(p -> p.hasReportPreferences() && !p.wantedReports().contains(ReportType.INITIAL)).isPresent()) {
            // Per event (queued from the referral consumers), so DEBUG: no INFO line per event (issue 14).
            LOG.debug("No INITIAL report for referral {} to {}: their preferences ask for none", referral.id(), role);
            return;
        }
        recipients.put(recipient, role);
    }

    /**
     * The first reports in one round trip, each guarded by its recipient's unique key: the inbox
     * already skips a redelivered event, and the key a replay of the referral under a new event id.
     *
     * @return the reports queued now (not those a replay found queued)
     */
    private List<Report> insertUnlessQueued(List<Report> first) {
        if (first.isEmpty()) {
            return List.of();
        }
        Report a = first.get(0);
        if (first.size() == 1) {
            return insert(a) == 1 ? List.of(a) : List.of();
        }
        Report b = first.get(1);
        long inserted = reports.insertBothUnlessQueued(a.id(), a.clinicId(), a.referralId(), a.practitionerId(),
                a.recipientRole().name(), a.type().name(), a.sequenceNumber(), a.status().name(), a.patientReference(),
                a.queuedAt(), a.updatedAt(), b.id(), b.practitionerId(), b.recipientRole().name(), b.status().name());
        if (inserted == 2) {
            return first;
        }
        if (inserted == 0) {
            return List.of();
        }
        // One of the two was queued before (a replay after a recipient's preferences changed): ours is the new id.
        return List.of(reports.existsById(a.id()) ? a : b);
    }

    private long insert(Report report) {
        return reports.insertUnlessQueued(report.id(), report.clinicId(), report.referralId(), report.practitionerId(),
                report.recipientRole().name(), report.type().name(), report.sequenceNumber(), report.status().name(),
                report.patientReference(), report.queuedAt(), report.updatedAt());
    }

    /** A report as it is first written, with the status its consent gives it. */
    private static Report newReport(ReferralRecord referral, String recipient, RecipientRole role, ReportType type,
                                    int sequence, ReportStatus status, Instant now) {
        return new Report(UUID.randomUUID().toString(), referral.clinicId(), referral.id(), recipient, role, type,
                sequence, status, referral.patientReference(), null, now, now, null, null, null, null, 0);
    }

    private Instant now() {
        // One instant for the rows and their ReportQueued events, in milliseconds as the events have always said it.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
