package app.rapport.reports.domain;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.platform.plugin.PluginRegistry;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.messaging.ReportEvents;
import app.rapport.reports.plugin.PdfReportRenderer;
import app.rapport.reports.plugin.ReportDelivery;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.ReportRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Sends a report. One transaction: the consent check, SENT, the disclosure row, ReportSent in the
 * outbox, and the delivery last, so a refused or failed delivery leaves nothing disclosed or logged.
 */
@Singleton
public class ReportDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatch.class);

    private final ReportRepository reports;
    private final DisclosureRepository disclosures;
    private final ConsentLedger consents;
    private final ReportDocuments documents;
    private final PdfReportRenderer pdf;
    private final List<ReportDelivery> deliveries;
    private final PluginRegistry plugins;
    private final Outbox outbox;
    private final ClinicCalendar calendar;

    public ReportDispatch(ReportRepository reports, DisclosureRepository disclosures, ConsentLedger consents,
                          ReportDocuments documents, PdfReportRenderer pdf, List<ReportDelivery> deliveries,
                          PluginRegistry plugins, Outbox outbox, ClinicCalendar calendar) {
        this.reports = reports;
        this.disclosures = disclosures;
        this.consents = consents;
        this.documents = documents;
        this.pdf = pdf;
        this.deliveries = deliveries;
        this.plugins = plugins;
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
        ReportDelivery delivery = deliveryFor(clinicId, recipient, requested);
        ReportChannel channel = delivery.channel();
        String destination = delivery.destination(recipient);
        byte[] rendered = pdf.render(document);

        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        if (reports.markSent(report.id(), clinicId, now, channel.name(), consent.id()) != 1) {
            throw ProblemException.conflict("Report " + reportId + " was sent meanwhile");
        }
        documents.keepMeasurementsSentWith(report);
        Disclosure disclosure = disclosures.save(new Disclosure(UUID.randomUUID().toString(), clinicId, report.id(),
                report.type(), report.patientReference(), recipient.id(), recipient.displayName(), channel,
                channel == ReportChannel.PRINT ? null : destination, consent.id(), user, now, null, null));
        outbox.record(clinicId, "Report", report.id(), EventTypes.REPORT_SENT, new ReportEvents.ReportSent(report.id(),
                report.referralId(), report.practitionerId(), report.recipientRole().name(), report.type().name(),
                ReportStatus.SENT.name(), now.toString(), channel.name(), consent.id()));
        // Last: if the SMTP server refuses, the transaction rolls back and nothing counts as disclosed.
        delivery.deliver(document, rendered, destination);
        LOG.info("Sent report {} by {} under consent {}", report.id(), channel, consent.id());
        return disclosure;
    }

    /** The enabled delivery plugin for the requested channel or the partner's; letters go the same way. */
    public ReportDelivery deliveryFor(String clinicId, Practitioner recipient, @Nullable ReportChannel requested) {
        ReportChannel channel = requested != null ? requested : defaultChannel(recipient);
        return plugins.enabledFor(clinicId, deliveries).stream()
                .filter(d -> d.channel() == channel).findFirst()
                .orElseThrow(() -> ProblemException.invalidField("channel",
                        "no delivery for " + channel + " is enabled; choose EMAIL or PRINT"));
    }

    /** The partner's stated channel if it can be delivered, else e-mail when there is an address, else print. */
    private ReportChannel defaultChannel(Practitioner recipient) {
        if (recipient.reportChannel() != null) {
            return recipient.reportChannel();
        }
        return recipient.email() != null ? ReportChannel.EMAIL : ReportChannel.PRINT;
    }
}
