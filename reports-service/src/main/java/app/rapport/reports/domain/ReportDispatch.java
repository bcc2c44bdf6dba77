package app.rapport.reports.domain;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.messaging.ReportEvents;
import app.rapport.reports.plugin.PdfReportRenderer;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.ReportRepository;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Sends a report. One transaction: the consent check, SENT, the disclosure row, ReportSent in the
 * outbox, and the delivery last (the channel chosen by {@link DeliveryChoice}), so a refused or failed delivery leaves nothing disclosed or logged.
 */
@Singleton
public class ReportDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatch.class);

    private final ReportRepository reports;
    private final DisclosureRepository disclosures;
    private final ConsentLedger consents;
    private final ReportDocuments documents;
    private final PdfReportRenderer pdf;
    private final DeliveryChoice delivery;
    private final Outbox outbox;
    private final ClinicCalendar calendar;

    public ReportDispatch(ReportRepository reports, DisclosureRepository disclosures, ConsentLedger consents,
                          ReportDocuments documents, PdfReportRenderer pdf, DeliveryChoice delivery,
                          Outbox outbox, ClinicCalendar calendar) {
        this.reports = reports;
        this.disclosures = disclosures;
        this.consents = consents;
        this.documents = documents;
        this.pdf = pdf;
        this.delivery = delivery;
        this.outbox = outbox;
        this.calendar = calendar;
    }

    @Transactional
    public Disclosure send(String clinicId, String user, String reportId, ReportChannel requested) {
        Report report = reports.findByIdAndClinicId(reportId, clinicId)
                .orElseThrow(() -> ProblemException.notFound("Report", reportId));
        if (report.status() == ReportStatus.SENT) {
            throw ProblemException.conflict("Report " + reportId + " was already sent").with("sentAt", report.sentAt().toString());
        }
        LocalDate today = calendar.today(clinicId);
        Consent consent = consents.require(clinicId, report.patientReference(), report.practitionerId(), report.type(), today);
        ReportDocument document = documents.assemble(report);
        Practitioner recipient = document.recipient();
        DeliveryChoice.Route route = delivery.choose(clinicId, recipient, requested);
        ReportChannel channel = route.channel();
        byte[] rendered = pdf.render(document);

        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        if (reports.markSent(report.id(), clinicId, now, channel.name(), consent.id()) != 1) {
            throw ProblemException.conflict("Report " + reportId + " was sent meanwhile");
        }
        documents.keepMeasurementsSentWith(report);
        Disclosure disclosure = disclosures.save(new Disclosure(UUID.randomUUID().toString(), clinicId, report.id(),
                report.type(), report.patientReference(), recipient.id(), recipient.displayName(), channel,
                route.disclosedAddress(), consent.id(), user, now, null, null, null, null, null));
        outbox.record(clinicId, "Report", report.id(), EventTypes.REPORT_SENT, new ReportEvents.ReportSent(report.id(),
                report.referralId(), report.practitionerId(), report.recipientRole().name(), report.type().name(),
                ReportStatus.SENT.name(), now.toString(), channel.name(), consent.id()));
        // Last: if the SMTP server refuses, the transaction rolls back and nothing counts as disclosed.
        route.delivery().deliver(document, rendered, route.destination());
        LOG.info("Sent report {} by {} under consent {}", report.id(), channel, consent.id());
        return disclosure;
    }
}
