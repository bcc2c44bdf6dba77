package app.rapport.reports.web;

import app.rapport.platform.persistence.Lists;
import app.rapport.platform.security.Roles;
import app.rapport.platform.tenancy.Caller;
import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.domain.Letters;
import app.rapport.reports.domain.PrintJob;
import app.rapport.reports.domain.ReportDocuments;
import app.rapport.reports.domain.StatusUpdates;
import app.rapport.reports.plugin.LetterPdfRenderer;
import app.rapport.reports.plugin.PdfReportRenderer;
import app.rapport.reports.plugin.PrintedRecordsPdf;
import app.rapport.reports.plugin.StatusUpdatePdf;
import app.rapport.reports.repository.PrintJobRepository;
import app.rapport.reports.repository.ReportLists;
import app.rapport.reports.repository.ReportRepository;
import app.rapport.reports.web.ReportViews.PrintJobView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestBean;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import java.time.Clock;

/** Reports sent on the PRINT channel, waiting to be printed and mailed or handed over. */
@Controller("/api/v1/print-queue")
@Tag(name = "Print queue")
@Secured({Roles.CLINICIAN, Roles.STAFF})
public class PrintQueueController {

    private final PrintJobRepository jobs;
    private final Lists lists;
    private final ReportRepository reports;
    private final ReportDocuments documents;
    private final PdfReportRenderer pdf;
    private final Letters letters;
    private final LetterPdfRenderer letterPdf;
    private final PrintedRecordsPdf printedRecords;
    private final StatusUpdates statusUpdates;
    private final StatusUpdatePdf statusUpdatePdf;
    private final Clock clock;

    public PrintQueueController(PrintJobRepository jobs, Lists lists, ReportRepository reports, ReportDocuments documents,
                                PdfReportRenderer pdf, Letters letters, LetterPdfRenderer letterPdf,
                                PrintedRecordsPdf printedRecords, StatusUpdates statusUpdates,
                                StatusUpdatePdf statusUpdatePdf, Clock clock) {
        this.clock = clock;
        this.statusUpdates = statusUpdates;
        this.statusUpdatePdf = statusUpdatePdf;
        this.printedRecords = printedRecords;
        this.jobs = jobs;
        this.lists = lists;
        this.reports = reports;
        this.documents = documents;
        this.pdf = pdf;
        this.letters = letters;
        this.letterPdf = letterPdf;
    }

    /** Waiting jobs, oldest first; {@code ?all=true} includes printed ones. */
    @Get("{?all}")
    public Page<PrintJobView> list(Caller caller, @Nullable @QueryValue Boolean all, @Valid @RequestBean PageQuery paging) {
        return lists.page(ReportLists.printJobs(caller.clinicId(), Boolean.TRUE.equals(all)), PrintJob.class, paging)
                .map(PrintJobView::of);
    }

    /** The PDF to print: the envelope page (and a fax's cover sheet), then the report, letter or status update. */
    @Get("/{id}/pdf")
    @Transactional(readOnly = true)
    public HttpResponse<byte[]> document(Caller caller, String id) {
        PrintJob job = find(caller, id);
        byte[] printed;
        if (job.statusUpdateId() != null) {
            var update = statusUpdates.assemble(statusUpdates.find(caller.clinicId(), job.statusUpdateId()));
            printed = printedRecords.compose(job, update.recipient(), job.recipientName(), statusUpdatePdf.render(update));
        } else if (job.letterId() != null) {
            var letter = letters.assemble(letters.find(caller.clinicId(), job.letterId()));
            printed = printedRecords.compose(job, letter.recipient(), job.recipientName(), letterPdf.render(letter));
        } else {
            var report = reports.findByIdAndClinicId(job.reportId(), caller.clinicId())
                    .orElseThrow(() -> ProblemException.notFound("Report", job.reportId()));
            var document = documents.assemble(report);
            printed = printedRecords.compose(job, document.recipient(), job.recipientName(), pdf.render(document));
        }
        return HttpResponse.ok(printed).contentType(MediaType.of(pdf.mediaType()));
    }

    @Post("/{id}/printed")
    @Transactional
    public PrintJobView markPrinted(Caller caller, String id) {
        find(caller, id);
        if (jobs.markPrinted(id, caller.clinicId(), clock.instant(), caller.user()) != 1) {
            PrintJob job = find(caller, id);
            throw ProblemException.conflict("Print job " + id + " was already printed").with("printedAt", job.printedAt().toString());
        }
        return PrintJobView.of(find(caller, id));
    }

    private PrintJob find(Caller caller, String id) {
        return jobs.findByIdAndClinicId(id, caller.clinicId()).orElseThrow(() -> ProblemException.notFound("Print job", id));
    }
}
