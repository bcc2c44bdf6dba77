package app.rapport.reports.plugin;

import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.PrintJob;
import app.rapport.reports.domain.PrintJobs;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.StatusUpdateDocument;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.UUID;

/** Puts the report on the clinic's print queue, to be printed and mailed or handed over by staff. */
@Singleton
public class PrintQueueDelivery implements ReportDelivery {

    private final PrintJobs jobs;
    private final Clock clock;

    public PrintQueueDelivery(PrintJobs jobs, Clock clock) {
        this.clock = clock;
        this.jobs = jobs;
    }

    @Override
    public String name() {
        return "print-queue";
    }

    @Override
    public String description() {
        return "Queues the report PDF for printing; staff mark it printed when it is mailed or handed over";
    }

    @Override
    public ReportChannel channel() {
        return ReportChannel.PRINT;
    }

    @Override
    public String destination(Practitioner recipient) {
        return "print queue";
    }

    @Override
    public void deliver(ReportDocument document, byte[] pdf, Destination to) {
        // The PDF is rendered again when printed: the queue holds no copy of patient records.
        jobs.save(new PrintJob(UUID.randomUUID().toString(), document.clinicId(), document.report().id(),
                document.recipient().displayName(), clock.instant(), null, null, null, null, to.faxByHand(),
                to.faxNumber()));
    }

    @Override
    public void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        jobs.save(new PrintJob(UUID.randomUUID().toString(), letter.clinicId(), null,
                letter.recipient().displayName(), clock.instant(), null, null, letter.letter().id(), null,
                to.faxByHand(), to.faxNumber()));
    }

    @Override
    public void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        jobs.save(new PrintJob(UUID.randomUUID().toString(), update.clinicId(), null,
                update.recipient().displayName(), clock.instant(), null, null, null, update.update().id(),
                to.faxByHand(), to.faxNumber()));
    }
}
