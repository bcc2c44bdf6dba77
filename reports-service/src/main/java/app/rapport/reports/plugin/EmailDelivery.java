package app.rapport.reports.plugin;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.mail.Mail;
import app.rapport.platform.mail.Mailer;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.StatusUpdateDocument;
import app.rapport.reports.domain.StatusUpdateWording;
import jakarta.inject.Singleton;

/**
 * E-mails the report or letter PDF over SMTP, the body a plain-text letter on the clinic's
 * letterhead ({@link MailText}). The subject and body name no patient: the PDF is the only
 * place the name appears, so a mis-addressed header or a mail log discloses nothing.
 */
@Singleton
public class EmailDelivery implements ReportDelivery {

    private final Mailer mail;
    private final MailText text;

    public EmailDelivery(Mailer mail, MailText text) {
        this.mail = mail;
        this.text = text;
    }

    @Override
    public String name() {
        return "email-delivery";
    }

    @Override
    public String description() {
        return "E-mails the report PDF to the recipient's address over the clinic's SMTP server";
    }

    @Override
    public ReportChannel channel() {
        return ReportChannel.EMAIL;
    }

    @Override
    public String destination(Practitioner recipient) {
        if (recipient.email() == null || recipient.email().isBlank()) {
            throw DomainException.invalidField("channel", "the recipient has no e-mail address on file; choose PRINT");
        }
        return recipient.email();
    }

    @Override
    public void deliver(ReportDocument document, byte[] pdf, Destination to) {
        mail.send(withPdf(to, "Patient Records: Confidential - report on your referral", text.report(document), pdf,
                reportKey(document.report().id())));
    }

    @Override
    public void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        mail.send(withPdf(to, LetterWording.subject(letter.letter().kind()), text.letter(letter), pdf,
                letterKey(letter.letter().id())));
    }

    @Override
    public void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        mail.send(withPdf(to, StatusUpdateWording.TITLE, text.statusUpdate(update), pdf, statusUpdateKey(update.update().id())));
    }

    /**
     * The e-mail (or e-mail-to-fax) of one report, letter or update: the PDF is named and the
     * Message-ID made from the same stable key, so a resend after a crash, or a deliberate resend
     * by staff, is recognisably the same message.
     */
    static Mail withPdf(Destination to, String subject, String body, byte[] pdf, String key) {
        return new Mail(to.address(), subject, body, java.util.List.of(), key).attach(key + ".pdf", "application/pdf", pdf);
    }

    public static String reportKey(String reportId) {
        return "report-" + reportId;
    }

    public static String letterKey(String letterId) {
        return "letter-" + letterId;
    }

    public static String statusUpdateKey(String updateId) {
        return "status-update-" + updateId;
    }
}
