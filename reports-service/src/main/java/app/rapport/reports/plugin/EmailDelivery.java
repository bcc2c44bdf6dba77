package app.rapport.reports.plugin;

import app.rapport.platform.web.ProblemException;
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

    private final SmtpMail mail;
    private final MailText text;

    public EmailDelivery(SmtpMail mail, MailText text) {
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
            throw ProblemException.invalidField("channel", "the recipient has no e-mail address on file; choose PRINT");
        }
        return recipient.email();
    }

    @Override
    public void deliver(ReportDocument document, byte[] pdf, Destination to) {
        mail.send(to.address(), "Patient Records: Confidential - report on your referral", text.report(document), pdf,
                "report-" + document.report().id() + ".pdf", "report");
    }

    @Override
    public void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        mail.send(to.address(), LetterWording.subject(letter.letter().kind()), text.letter(letter), pdf,
                "letter-" + letter.letter().id() + ".pdf", "letter");
    }

    @Override
    public void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        mail.send(to.address(), StatusUpdateWording.TITLE, text.statusUpdate(update), pdf,
                "status-update-" + update.update().id() + ".pdf", "status update", messageKey(update));
    }

    /** Stable per update: a resend after a crash between delivery and SENT is the same message. */
    static String messageKey(StatusUpdateDocument update) {
        return "status-update-" + update.update().id();
    }
}
