package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportPublisher;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.StatusUpdate;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Records reports' events in the outbox, shaped as docs/asyncapi.yaml says, in the caller's transaction. */
@Singleton
public class OutboxReportPublisher implements ReportPublisher {

    private final Outbox outbox;

    public OutboxReportPublisher(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void queued(List<Report> reports, Instant at) {
        if (reports.isEmpty()) {
            return;
        }
        outbox.record(reports.stream().map(report -> new Outbox.Event(report.clinicId(), "Report", report.id(),
                EventTypes.REPORT_QUEUED, new ReportEvents.ReportQueued(report.id(), report.referralId(),
                        report.practitionerId(), report.recipientRole().name(), report.type().name(),
                        report.status().name(), at.toString()))).toList());
    }

    @Override
    public void sent(Report report, ReportChannel channel, String consentId, Instant at) {
        outbox.record(report.clinicId(), "Report", report.id(), EventTypes.REPORT_SENT, new ReportEvents.ReportSent(
                report.id(), report.referralId(), report.practitionerId(), report.recipientRole().name(),
                report.type().name(), ReportStatus.SENT.name(), at.toString(), channel.name(), consentId));
    }

    @Override
    public void statusUpdateSent(StatusUpdate u, ReportChannel channel, Instant at) {
        outbox.record(u.clinicId(), "StatusUpdate", u.id(), EventTypes.STATUS_UPDATE_SENT,
                new ReportEvents.StatusUpdateSent(u.id(), u.referralId(), u.practitionerId(), u.kind().name(),
                        channel.name(), at.toString()));
    }
}
