package app.rapport.reports.plugin;

import app.rapport.platform.web.ProblemException;
import app.rapport.reports.config.SmtpSettings;
import io.micronaut.core.annotation.Nullable;
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

/** The clinic's outgoing mail server: a text body and the PDF attached. E-mail and e-mail-to-fax both send here. */
@Singleton
public class SmtpMail {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMail.class);

    private final SmtpSettings smtp;

    public SmtpMail(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    /** @throws ProblemException 502 delivery-failed when the server does not accept it */
    public void send(String destination, String subject, String body, byte[] pdf, String fileName, String what) {
        send(destination, subject, body, pdf, fileName, what, null);
    }

    /**
     * @param messageKey when given, the Message-ID is {@code <messageKey@sender's domain>}: the same
     *                   message sent twice (a retry after a crash) is recognisably one message
     */
    public void send(String destination, String subject, String body, byte[] pdf, String fileName, String what,
                     @Nullable String messageKey) {
        try {
            String messageId = messageKey == null ? null
                    : "<" + messageKey + "@" + smtp.getFrom().substring(smtp.getFrom().indexOf('@') + 1) + ">";
            MimeMessage message = new MimeMessage(session()) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    if (messageId == null) {
                        super.updateMessageID();
                    } else {
                        setHeader("Message-ID", messageId);
                    }
                }
            };
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
