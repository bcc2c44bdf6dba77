package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.config.SmtpSettings;
import app.rapport.outreach.plugin.DeliveryFailedException;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;

/** Sends plain-text e-mail over SMTP (RAPPORT_SMTP_*). */
@Singleton
public class Mailer {

    private final SmtpSettings smtp;

    public Mailer(SmtpSettings smtp) {
        this.smtp = smtp;
    }

    public void send(String to, String subject, String body) {
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", String.valueOf(smtp.port()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        boolean auth = smtp.user() != null && !smtp.user().isBlank();
        props.put("mail.smtp.auth", String.valueOf(auth));
        props.put("mail.smtp.starttls.enable", String.valueOf(smtp.starttls()));
        props.put("mail.smtp.starttls.required", String.valueOf(smtp.starttls()));
        Session session = auth ? Session.getInstance(props, new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(smtp.user(), smtp.password());
            }
        }) : Session.getInstance(props);
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(smtp.from()));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            message.setText(body, StandardCharsets.UTF_8.name());
            message.setSentDate(new Date());
            Transport.send(message);
        } catch (MessagingException e) {
            throw new DeliveryFailedException("The mail server did not accept the message: " + e.getMessage(), e);
        }
    }
}
