package app.rapport.reports.domain;

import app.rapport.reports.config.ReportsSettings;
import app.rapport.reports.repository.DirectoryRepository;
import app.rapport.reports.repository.ReferralRepository;
import app.rapport.reports.repository.ReportRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When the next progress report to a partner falls due: after {@code everyVisits} visits or
 * {@code everyWeeks} weeks since the last report sent to them (or since care began),
 * whichever comes first, per the partner's stated preference or the clinic's default.
 */
@Singleton
public class ReportCadence {

    /** Referral states after which no further progress report is due. */
    private static final List<String> CLOSED = List.of("DECLINED", "CANCELLED", "COMPLETED");

    private final ReferralRepository referrals;
    private final ReportRepository reports;
    private final DirectoryRepository directory;
    private final ReportsSettings settings;
    private final ClinicCalendar calendar;

    public ReportCadence(ReferralRepository referrals, ReportRepository reports, DirectoryRepository directory,
                         ReportsSettings settings, ClinicCalendar calendar) {
        this.referrals = referrals;
        this.reports = reports;
        this.directory = directory;
        this.settings = settings;
        this.calendar = calendar;
    }

    /** How often one recipient wants progress reports; empty when they want none. */
    public record Rule(@Nullable Integer everyVisits, @Nullable Integer everyWeeks) {
    }

    @Serdeable
    public record Overdue(String referralId, String practitionerId, String recipientName, RecipientRole recipientRole,
                          @Nullable LocalDate lastReportSentOn, LocalDate firstVisitOn, int visitsSinceLastReport,
                          @Nullable Integer everyVisits, @Nullable Integer everyWeeks, LocalDate dueOn,
                          String dueBecause, @Nullable String openReportId) {
    }

    public Optional<Rule> ruleFor(@Nullable Practitioner recipient) {
        if (recipient == null || !recipient.hasReportPreferences()) {
            return Optional.of(new Rule(settings.getDefaultEveryVisits(), settings.getDefaultEveryWeeks()));
        }
        if (!recipient.wantedReports().contains(ReportType.PROGRESS)
                || (recipient.everyVisits() == null && recipient.everyWeeks() == null)) {
            return Optional.empty();
        }
        return Optional.of(new Rule(recipient.everyVisits(), recipient.everyWeeks()));
    }

    /** The due date given the anchor (last report or first visit) and the visit dates after it, if due at all. */
    public static Optional<LocalDate> dueOn(Rule rule, LocalDate anchor, List<LocalDate> visitsAfterAnchor) {
        LocalDate byWeeks = rule.everyWeeks() == null ? null : anchor.plusWeeks(rule.everyWeeks());
        LocalDate byVisits = rule.everyVisits() == null || visitsAfterAnchor.size() < rule.everyVisits() ? null
                : visitsAfterAnchor.stream().sorted().toList().get(rule.everyVisits() - 1);
        if (byWeeks == null) {
            return Optional.ofNullable(byVisits);
        }
        return Optional.of(byVisits == null || byWeeks.isBefore(byVisits) ? byWeeks : byVisits);
    }

    @ReadOnly
    public List<Overdue> overdue(String clinicId, LocalDate asOf) {
        List<ReportRepository.Recipient> recipients = reports.recipientsOnOpenReferrals(clinicId, CLOSED);
        List<Overdue> overdue = new ArrayList<>();
        ZoneId zone = calendar.zoneOf(clinicId); // the day a report was sent is the clinic's
        for (ReportRepository.Recipient r : recipients) {
            List<LocalDate> visits = referrals.visitDates(clinicId, r.referralId(), asOf);
            if (visits.isEmpty()) {
                continue; // not seen yet: nothing to report on
            }
            Practitioner recipient = directory.find(clinicId, r.practitionerId()).orElse(null);
            Optional<Rule> rule = ruleFor(recipient);
            if (rule.isEmpty()) {
                continue;
            }
            List<Report> theirs = reports.findByClinicIdAndReferralId(clinicId, r.referralId()).stream()
                    .filter(rep -> rep.practitionerId().equals(r.practitionerId())).toList();
            LocalDate lastSent = theirs.stream().filter(rep -> rep.sentAt() != null)
                    .map(rep -> rep.sentAt().atZone(zone).toLocalDate()).max(Comparator.naturalOrder()).orElse(null);
            // Nothing sent yet: count every visit since care began, and the weeks from the first visit.
            LocalDate anchor = lastSent != null ? lastSent : visits.get(0);
            List<LocalDate> after = lastSent == null ? visits : visits.stream().filter(d -> d.isAfter(lastSent)).toList();
            Optional<LocalDate> due = dueOn(rule.get(), anchor, after);
            if (due.isEmpty() || due.get().isAfter(asOf)) {
                continue;
            }
            boolean byVisits = rule.get().everyVisits() != null && after.size() >= rule.get().everyVisits()
                    && !after.get(rule.get().everyVisits() - 1).isAfter(due.get());
            String open = theirs.stream().filter(rep -> rep.status() != ReportStatus.SENT)
                    .max(Comparator.comparing(Report::queuedAt)).map(Report::id).orElse(null);
            overdue.add(new Overdue(r.referralId(), r.practitionerId(),
                    recipient == null ? r.practitionerId() : recipient.displayName(), r.recipientRole(),
                    lastSent, visits.get(0), after.size(), rule.get().everyVisits(), rule.get().everyWeeks(), due.get(),
                    byVisits ? after.size() + " visits since the last report" : "more than " + rule.get().everyWeeks()
                            + " weeks since the last report", open));
        }
        overdue.sort(Comparator.comparing(Overdue::dueOn).thenComparing(Overdue::referralId));
        return overdue;
    }
}
