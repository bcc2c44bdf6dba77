package app.rapport.reports.plugin;

import app.rapport.platform.web.ProblemException;
import app.rapport.reports.config.SmtpSettings;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import io.micronaut.http.HttpStatus;
import jakarta.activation.DataHandler;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Properties;

/**
 * E-mails the report or letter PDF over SMTP, the body a plain-text letter on the clinic's
 * letterhead ({@link MailText}). The subject and body name no patient: the PDF is the only
 * place the name appears, so a mis-addressed header or a mail log discloses nothing.
 */
@Singleton
public class EmailDelivery implements ReportDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(EmailDelivery.class);

    private final SmtpSettings smtp;
    private final MailText text;

    public EmailDelivery(SmtpSettings smtp, MailText text) {
        this.smtp = smtp;
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
    public void deliver(ReportDocument document, byte[] pdf, String destination) {
        send(destination, "Patient Records: Confidential - report on your referral", text.report(document), pdf,
                "report-" + document.report().id() + ".pdf", "report");
    }

    @Override
    public void deliver(LetterDocument letter, byte[] pdf, String destination) {
        send(destination, LetterWording.subject(letter.letter().kind()), text.letter(letter), pdf,
                "letter-" + letter.letter().id() + ".pdf", "letter");
    }

    private void send(String destination, String subject, String body, byte[] pdf, String fileName, String what) {
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(smtp.getFrom()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(destination));
            message.setSubject(subject);
            MimeBodyPart letter = new MimeBodyPart();
            letter.setText(body, "UTF-8");
            MimeBodyPart attachment = new MimeBodyPart();
            attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(pdf, "application/pdf")));
            attachment.setFileName(fileName);
            MimeMultipart multipart = new MimeMultipart();
            multipart.addBodyPart(letter);
            multipart.addBodyPart(attachment);
            message.setContent(multipart);
            Transport.send(message);
        } catch (MessagingException e) {
            LOG.warn("SMTP delivery of {} {} failed: {}", what, fileName, e.getMessage());
            throw new ProblemException(HttpStatus.BAD_GATEWAY, "delivery-failed", "Delivery failed",
                    "The mail server did not accept the " + what + "; nothing was sent or logged");
        }
    }

    private Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.getHost());
        props.put("mail.smtp.port", String.valueOf(smtp.getPort()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.isStarttls()));
        if (smtp.getUser() != null && !smtp.getUser().isBlank()) {
            props.put("mail.smtp.auth", "true");
            return Session.getInstance(props, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(smtp.getUser(), smtp.getPassword());
                }
            });
        }
        return Session.getInstance(props);
    }
}
