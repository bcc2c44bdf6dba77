package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.reports.plugin.PdfReportRenderer;
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
import java.util.UUID;

/**
 * Sends a report the way {@link Sending} sends everything: the consent decided under its lock, the
 * disclosure row and SENDING in one transaction; the delivery (the channel chosen by
 * {@link DeliveryChoice}) outside any; then SENT and ReportSent. Staff settle a report whose
 * delivery is unconfirmed by confirming it arrived, or by sending it again (the same Message-ID).
 */
@Singleton
public class ReportDispatch {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatch.class);

    private final ReportRepository reports;
    private final ReportLifecycle lifecycle;
    private final DisclosureRepository disclosures;
    private final ConsentLedger consents;
    private final ReportDocuments documents;
    private final PdfReportRenderer pdf;
    private final DeliveryChoice delivery;
    private final ReportPublisher events;
    private final ClinicCalendar calendar;
    private final Sending sending;

    public ReportDispatch(ReportRepository reports, ReportLifecycle lifecycle, DisclosureRepository disclosures, ConsentLedger consents,
                          ReportDocuments documents, PdfReportRenderer pdf, DeliveryChoice delivery,
                          ReportPublisher events, ClinicCalendar calendar, Sending sending) {
        this.reports = reports;
        this.lifecycle = lifecycle;
        this.disclosures = disclosures;
        this.consents = consents;
        this.documents = documents;
        this.pdf = pdf;
        this.delivery = delivery;
        this.events = events;
        this.calendar = calendar;
        this.sending = sending;
    }

    /** A report claimed for sending: everything the delivery and the settling need. */
    record Claimed(Report report, ReportDocument document, byte[] pdf, DeliveryChoice.Route route, Consent consent,
                   Disclosure disclosure) {
    }

    public Disclosure send(String clinicId, String user, String reportId, @Nullable ReportChannel requested) {
        Claimed c = sending.send("report", new Sending.Steps<>() {
            @Override
            public Claimed claim() {
                return ReportDispatch.this.claim(clinicId, user, reportId, requested);
            }

            @Override
            public void deliver(Claimed claimed) {
                claimed.route().delivery().deliver(claimed.document(), claimed.pdf(), claimed.route().destination());
            }

            @Override
            public void sent(Claimed claimed) {
                markSent(claimed.report(), claimed.route().channel(), claimed.consent().id());
            }

            @Override
            public void refused(Claimed claimed, String why) {
                Report r = claimed.report();
                // Sent again and refused, it stays unconfirmed: the first attempt may still have arrived, so its disclosure stays.
                if (lifecycle.notDelivered(r, now()) != ReportStatus.DELIVERY_UNCONFIRMED) {
                    disclosures.deleteById(claimed.disclosure().id());
                    documents.forgetMeasurementsSentWith(r);
                }
                LOG.warn("Report {} was not delivered ({}); back to {}", r.id(), why, r.status());
            }

            @Override
            public void unconfirmed(Claimed claimed, String why) {
                lifecycle.maybeDelivered(claimed.report(), now());
                LOG.warn("Report {} delivery unconfirmed: {}", claimed.report().id(), why);
            }
        });
        LOG.info("Sent report {} by {} under consent {}", reportId, c.route().channel(), c.consent().id());
        return c.disclosure();
    }

    /**
     * Transaction 1. The consents are locked first and the report second — the order a revocation
     * takes them too — and the report is rendered from the row as locked: an edit saved before
     * this is what goes out, and one saved after finds it SENDING and is refused.
     */
    private Claimed claim(String clinicId, String user, String reportId, @Nullable ReportChannel requested) {
        Report read = find(clinicId, reportId);
        refuseUnsendable(read);
        LocalDate today = calendar.today(clinicId);
        Consent consent = consents.requireLocked(clinicId, read.patientReference(), read.practitionerId(), read.type(), today);
        Report report = reports.lock(reportId, clinicId).orElseThrow(() -> DomainException.notFound("Report", reportId));
        refuseUnsendable(report);
        ReportDocument document = documents.assemble(report);
        DeliveryChoice.Route route = delivery.choose(clinicId, document.recipient(), requested);
        byte[] rendered = pdf.render(document);

        Instant now = now();
        if (!lifecycle.claimForSending(report, now, route.channel(), consent.id())) {
            throw DomainException.conflict("Report " + reportId + " was sent meanwhile");
        }
        Disclosure disclosure;
        if (report.status() == ReportStatus.DELIVERY_UNCONFIRMED) {
            // Sent again deliberately: the same disclosure (it may have arrived the first time), the measurements it was kept with.
            disclosure = disclosures.findByClinicIdAndReportId(clinicId, reportId).orElseThrow();
        } else {
            documents.keepMeasurementsSentWith(report);
            Practitioner recipient = document.recipient();
            disclosure = disclosures.save(new Disclosure(UUID.randomUUID().toString(), clinicId, report.id(),
                    report.type(), report.patientReference(), recipient.id(), recipient.displayName(), route.channel(),
                    route.disclosedAddress(), consent.id(), user, now, null, null, null, null, null));
        }
        return new Claimed(report, document, rendered, route, consent, disclosure);
    }

    /**
     * Staff saw an unconfirmed delivery arrive (the partner said so, the mailbox shows it): SENT and
     * ReportSent, as the sender would have done. {@code ifMatch} guards against a stale screen.
     */
    @Transactional
    public Report confirmDelivered(String clinicId, String reportId, @Nullable String ifMatch) {
        Report report = reports.lock(reportId, clinicId).orElseThrow(() -> DomainException.notFound("Report", reportId));
        if (report.status() != ReportStatus.DELIVERY_UNCONFIRMED) {
            throw DomainException.conflict("Report " + reportId + " is " + report.status()
                    + "; only a report whose delivery is unconfirmed can be confirmed").with("status", report.status().name());
        }
        VersionCheck.check(ifMatch, report.version(), "Report " + reportId);
        markSent(report, report.sentChannel(), report.consentId());
        LOG.info("Delivery of report {} confirmed by staff", reportId);
        return find(clinicId, reportId);
    }

    /** Transaction 2 (or staff's confirmation): SENT and ReportSent. */
    private void markSent(Report report, ReportChannel channel, String consentId) {
        Instant now = now();
        if (!lifecycle.delivered(report, now)) {
            LOG.warn("Report {} was no longer being sent when its delivery finished", report.id());
            return;
        }
        events.sent(report, channel, consentId, now);
    }

    private static void refuseUnsendable(Report report) {
        switch (report.status()) {
            case SENT -> throw DomainException.conflict("Report " + report.id() + " was already sent")
                    .with("sentAt", report.sentAt().toString());
            case SENDING -> throw DomainException.conflict("Report " + report.id() + " is being sent");
            default -> {
            }
        }
    }

    private Report find(String clinicId, String reportId) {
        return reports.findByIdAndClinicId(reportId, clinicId).orElseThrow(() -> DomainException.notFound("Report", reportId));
    }

    private Instant now() {
        return calendar.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
