package app.rapport.reports.plugin;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.mail.Mailer;
import app.rapport.reports.config.ReportsSettings;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.StatusUpdateDocument;
import jakarta.inject.Singleton;

/**
 * Faxes through the clinic's e-mail-to-fax gateway ({@code RAPPORT_REPORTS_FAX_GATEWAYS}): the PDF
 * is e-mailed to {@code <digits of the partner's fax>@<the clinic's gateway domain>}, which faxes it.
 * Where the clinic has no gateway or the partner no fax number, the delivery choice sends the fax
 * to the print queue instead, to be faxed by hand.
 */
@Singleton
public class FaxGatewayDelivery implements ReportDelivery {

    static final String SUBJECT = "Patient Records: Confidential";

    private final Mailer mail;
    private final MailText text;
    private final ReportsSettings settings;

    public FaxGatewayDelivery(Mailer mail, MailText text, ReportsSettings settings) {
        this.mail = mail;
        this.text = text;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "fax-gateway";
    }

    @Override
    public String description() {
        return "Faxes the PDF through the clinic's e-mail-to-fax gateway (RAPPORT_REPORTS_FAX_GATEWAYS)";
    }

    @Override
    public ReportChannel channel() {
        return ReportChannel.FAX;
    }

    /** Whether this clinic has a gateway and the partner a fax number with digits in it. */
    public boolean reaches(Practitioner recipient) {
        return settings.faxGatewayOf(recipient.clinicId()).isPresent() && !digits(recipient.fax()).isEmpty();
    }

    @Override
    public String destination(Practitioner recipient) {
        String domain = settings.faxGatewayOf(recipient.clinicId()).orElseThrow(() -> DomainException.invalidField(
                "channel", "the clinic has no fax gateway"));
        String digits = digits(recipient.fax());
        if (digits.isEmpty()) {
            throw DomainException.invalidField("channel", "the recipient has no fax number on file");
        }
        return digits + "@" + domain;
    }

    @Override
    public void deliver(ReportDocument document, byte[] pdf, Destination to) {
        mail.send(EmailDelivery.withPdf(to, SUBJECT, text.report(document), pdf, EmailDelivery.reportKey(document.report().id())));
    }

    @Override
    public void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        mail.send(EmailDelivery.withPdf(to, SUBJECT, text.letter(letter), pdf, EmailDelivery.letterKey(letter.letter().id())));
    }

    @Override
    public void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        mail.send(EmailDelivery.withPdf(to, SUBJECT, text.statusUpdate(update), pdf,
                EmailDelivery.statusUpdateKey(update.update().id())));
    }

    private static String digits(String fax) {
        return fax == null ? "" : fax.replaceAll("[^0-9]", "");
    }
}
