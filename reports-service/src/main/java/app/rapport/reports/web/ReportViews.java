package app.rapport.reports.web;

import app.rapport.reports.domain.Consent;
import app.rapport.reports.domain.ConsentObtainedVia;
import app.rapport.reports.domain.Disclosure;
import app.rapport.reports.domain.LetterKind;
import app.rapport.reports.domain.MeasureProgress;
import app.rapport.reports.domain.ObjectiveMeasure;
import app.rapport.reports.domain.PrintJob;
import app.rapport.reports.domain.RecipientRole;
import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportContent;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.domain.StatusUpdateKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the HTTP API answers; entities never cross the wire. */
public final class ReportViews {

    private ReportViews() {
    }

    @Serdeable
    public record ReportView(String id, String referralId, String practitionerId, RecipientRole recipientRole,
                             ReportType type, int sequenceNumber, ReportStatus status, String patientReference,
                             @Nullable ReportContent content, Instant queuedAt, Instant updatedAt,
                             @Nullable Instant sentAt, @Nullable ReportChannel sentChannel, @Nullable String consentId,
                             @Nullable List<MeasureRowView> objectiveMeasures, long version) {
        static ReportView of(Report r, @Nullable ReportContent content) {
            return of(r, content, null);
        }

        /** @param measures the measures table as the report shows it, when the report has content */
        static ReportView of(Report r, @Nullable ReportContent content, @Nullable List<MeasureProgress> measures) {
            return new ReportView(r.id(), r.referralId(), r.practitionerId(), r.recipientRole(), r.type(),
                    r.sequenceNumber(), r.status(), r.patientReference(), content, r.queuedAt(), r.updatedAt(),
                    r.sentAt(), r.sentChannel(), r.consentId(),
                    measures == null ? null : measures.stream().map(MeasureRowView::of).toList(), r.version());
        }
    }

    /**
     * A row of the report's measures table: baseline (the first measurement), every measurement and
     * the latest, with the change from baseline. {@code measure} and {@code lowerIsBetter} are absent
     * for a measure the catalogue does not know; {@code improved} when the direction is unknown or nothing changed.
     */
    @Serdeable
    public record MeasureRowView(@Nullable ObjectiveMeasure measure, String name, String unit,
                                 @Nullable Boolean lowerIsBetter, MeasurementPoint baseline, MeasurementPoint latest,
                                 BigDecimal change, @Nullable Boolean improved, List<MeasurementPoint> measurements) {
        static MeasureRowView of(MeasureProgress p) {
            return new MeasureRowView(p.measure(), p.name(), p.unit(), p.measure() == null ? null : p.measure().lowerIsBetter(),
                    MeasurementPoint.of(p.baseline()), MeasurementPoint.of(p.latest()), p.change(), p.improved(),
                    p.points().stream().map(MeasurementPoint::of).toList());
        }
    }

    /** {@code measurementId} and {@code measuredBy} are absent for a value written in the report's content. */
    @Serdeable
    public record MeasurementPoint(@Nullable String measurementId, @Nullable LocalDate measuredOn, BigDecimal value,
                                   @Nullable String measuredBy, @Nullable Integer visitNumber) {
        static MeasurementPoint of(MeasureProgress.Point p) {
            return new MeasurementPoint(p.measurementId(), p.measuredOn(), p.value(), p.measuredBy(), p.visitNumber());
        }
    }

    /** {@code status}: where it stands today in the clinic's time zone, so no reader guesses with its own clock. */
    @Serdeable
    public record ConsentView(String id, String patientReference, String practitionerId, List<ReportType> scope,
                              LocalDate validFrom, @Nullable LocalDate validTo, ConsentObtainedVia obtainedVia,
                              Consent.State status, String recordedBy, Instant recordedAt, @Nullable Instant revokedAt,
                              @Nullable String revokedBy, @Nullable String revocationReason, long version) {
        static ConsentView of(Consent c, LocalDate today) {
            return new ConsentView(c.id(), c.patientReference(), c.practitionerId(),
                    c.scopeTypes().stream().sorted().toList(), c.validFrom(), c.validTo(), c.obtainedVia(),
                    c.stateOn(today), c.recordedBy(), c.recordedAt(), c.revokedAt(), c.revokedBy(), c.revocationReason(),
                    c.version());
        }
    }

    @Serdeable
    /**
     * A report's ({@code reportId}, {@code reportType}), a letter's ({@code letterId}, {@code letterKind}) or a
     * status update's ({@code statusUpdateId}, {@code statusUpdate}, and {@code basis} in place of a consent).
     */
    public record DisclosureView(String id, @Nullable String reportId, @Nullable ReportType reportType, String patientReference,
                                 String practitionerId, String recipientName, ReportChannel channel,
                                 @Nullable String address, @Nullable String consentId, String disclosedBy, Instant disclosedAt,
                                 @Nullable String letterId, @Nullable LetterKind letterKind,
                                 @Nullable String statusUpdateId, @Nullable StatusUpdateKind statusUpdate,
                                 @Nullable String basis) {
        static DisclosureView of(Disclosure d) {
            return new DisclosureView(d.id(), d.reportId(), d.reportType(), d.patientReference(), d.practitionerId(),
                    d.recipientName(), d.channel(), d.address(), d.consentId(), d.disclosedBy(), d.disclosedAt(),
                    d.letterId(), d.letterKind(), d.statusUpdateId(), d.statusUpdate(), d.basis());
        }
    }

    /** {@code faxByHand}: a fax staff send by hand to {@code faxNumber} (absent when none is on file); its PDF opens with a cover sheet. */
    @Serdeable
    public record PrintJobView(String id, @Nullable String reportId, String recipientName, Instant queuedAt,
                               @Nullable Instant printedAt, @Nullable String printedBy, @Nullable String letterId,
                               boolean faxByHand, @Nullable String faxNumber, @Nullable String statusUpdateId) {
        static PrintJobView of(PrintJob j) {
            return new PrintJobView(j.id(), j.reportId(), j.recipientName(), j.queuedAt(), j.printedAt(), j.printedBy(),
                    j.letterId(), j.faxByHand(), j.faxNumber(), j.statusUpdateId());
        }
    }
}
