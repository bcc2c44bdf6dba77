package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.reports.repository.DirectoryRepository;
import app.rapport.reports.repository.MeasurementRepository;
import app.rapport.reports.repository.ReferralRepository;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads and writes a report's content document and assembles what renderers and deliveries need. */
@Singleton
public class ReportDocuments {

    private final JsonMapper json;
    private final ReferralRepository referrals;
    private final DirectoryRepository directory;
    private final MeasurementRepository measurements;

    public ReportDocuments(JsonMapper json, ReferralRepository referrals, DirectoryRepository directory,
                           MeasurementRepository measurements) {
        this.json = json;
        this.referrals = referrals;
        this.directory = directory;
        this.measurements = measurements;
    }

    public String write(ReportContent content) {
        try {
            return new String(json.writeValueAsBytes(content), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ReportContent read(String content) {
        try {
            return json.readValue(content, ReportContent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Stored report content is unreadable", e);
        }
    }

    /** @throws DomainException 422 when the report has no content yet or its recipient is not in the directory copy */
    public ReportDocument assemble(Report report) {
        if (report.content() == null) {
            throw DomainException.invalidField("content",
                    "the report has no content yet: PUT /api/v1/reports/" + report.id() + "/content first");
        }
        ReferralRecord referral = referrals.find(report.clinicId(), report.referralId())
                .orElseThrow(() -> new IllegalStateException("Report " + report.id() + " has no referral"));
        Practitioner recipient = directory.find(report.clinicId(), report.practitionerId())
                .orElseThrow(() -> DomainException.invalidField("practitionerId",
                        "the recipient is not in this clinic's directory yet"));
        ReportContent content = read(report.content());
        return new ReportDocument(report, referral, recipient, content, report.clinicId(), measureTable(report, content));
    }

    /**
     * The report's measures table: the measurements recorded for its referral (for a sent report,
     * those it was sent with, so a later visit or correction never changes what was disclosed)
     * merged with the content's measures.
     */
    public List<MeasureProgress> measureTable(Report report, ReportContent content) {
        // Being sent, sent or maybe sent: what was disclosed, as it was then.
        List<Measurement> taken = !report.editable()
                ? measurements.findSentWith(report.clinicId(), report.id())
                : measurements.findByClinicIdAndReferralId(report.clinicId(), report.referralId());
        return MeasureProgress.table(taken, content.measures());
    }

    /** Called in the transaction that claims the report for sending, after it was rendered from the same rows. */
    public void keepMeasurementsSentWith(Report report) {
        measurements.keepSentWith(report.clinicId(), report.referralId(), report.id());
    }

    /** A send that certainly did not happen kept nothing: the next one keeps the measurements as they are then. */
    public void forgetMeasurementsSentWith(Report report) {
        measurements.forgetSentWith(report.clinicId(), report.id());
    }
}
