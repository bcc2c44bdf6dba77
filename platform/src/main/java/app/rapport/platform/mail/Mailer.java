package app.rapport.platform.mail;

import jakarta.activation.DataHandler;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.util.MailConnectException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/**
 * The one SMTP client of every service (outreach's thank-yous and invitations, reports' reports,
 * letters and status updates). With TLS on, STARTTLS is required, never merely tried: a server
 * (or someone in between) that does not offer it gets nothing rather than the message in the clear.
 */
@Singleton
public class Mailer {

    private final MailSettings settings;

    public Mailer(MailSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws MailRefused        when the server certainly did not take it
     * @throws MailOutcomeUnknown when the connection broke while the message was on its way
     */
    public void send(Mail mail) {
        try {
            MimeMessage message = message(mail);
            Transport.send(message);
        } catch (MessagingException e) {
            throw classified(e);
        }
    }

    /** The Message-ID a message with this key carries. */
    public String messageId(String messageKey) {
        return "<" + messageKey + "@" + settings.senderDomain() + ">";
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        String messageId = mail.messageKey() == null ? null : messageId(mail.messageKey());
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
        message.setFrom(new InternetAddress(settings.getFrom()));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (mail.attachments().isEmpty()) {
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
            return message;
        }
        MimeMultipart multipart = new MimeMultipart();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.body(), StandardCharsets.UTF_8.name());
        multipart.addBodyPart(text);
        for (Mail.Attachment a : mail.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.mediaType())));
            part.setFileName(a.fileName());
            multipart.addBodyPart(part);
        }
        message.setContent(multipart);
        return message;
    }

    Session session() {
        Properties props = new Properties();
        props.put("mail.smtp.host", settings.getHost());
        props.put("mail.smtp.port", String.valueOf(settings.getPort()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "20000");
        props.put("mail.smtp.writetimeout", "20000");
        boolean tls = settings.tlsRequired();
        props.put("mail.smtp.starttls.enable", String.valueOf(tls));
        props.put("mail.smtp.starttls.required", String.valueOf(tls));
        if (!settings.login()) {
            return Session.getInstance(props);
        }
        props.put("mail.smtp.auth", "true");
        return Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(settings.getUser(), settings.getPassword());
            }
        });
    }

    /**
     * A broken connection after it opened is the one case where the server may hold the message;
     * everything else (no connection, STARTTLS missing, a refusal in the protocol) certainly sent nothing.
     */
    static RuntimeException classified(MessagingException e) {
        String what = "The mail server did not accept the message: " + e.getMessage();
        if (e instanceof MailConnectException || e instanceof SendFailedException) {
            return new MailRefused(what, e);
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return new MailOutcomeUnknown("The connection to the mail server broke while sending: "
                        + e.getMessage(), e);
            }
        }
        return new MailRefused(what, e);
    }
}
