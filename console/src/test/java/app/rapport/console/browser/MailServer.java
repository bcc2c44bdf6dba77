package app.rapport.console.browser;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * The outside world's mail servers for browser tests: GreenMail SMTP in the test JVM on a free
 * loopback port, no authentication, no TLS. outreach-service and reports-service send to it.
 */
public final class MailServer implements AutoCloseable {

    private final GreenMail greenMail;

    private MailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static MailServer start() {
        GreenMail g = new GreenMail(new ServerSetup(FreePorts.one(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        g.start();
        return new MailServer(g);
    }

    public String host() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    /** An e-mail as the recipient reads it. {@code text} is the plain-text body (or the raw body of a single-part mail). */
    public record Mail(String subject, String from, List<String> to, String text, String raw) {
    }

    /** Every e-mail received so far, oldest first. */
    public List<Mail> received() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            mails.add(read(m));
        }
        return mails;
    }

    /** Every e-mail received so far for {@code address}. */
    public List<Mail> receivedFor(String address) {
        return received().stream().filter(m -> m.to().stream().anyMatch(address::equalsIgnoreCase)).toList();
    }

    /** Waits up to {@code timeout} for an e-mail that {@code matches}, and returns the first. */
    public Mail awaitMail(Predicate<Mail> matches, Duration timeout) {
        Mail[] found = new Mail[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
            found[0] = received().stream().filter(matches).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    /** Waits up to {@code timeout} for an e-mail to {@code address}. */
    public Mail awaitMailTo(String address, Duration timeout) {
        return awaitMail(m -> m.to().stream().anyMatch(address::equalsIgnoreCase), timeout);
    }

    /** The attachments of type {@code mimeType} (e.g. {@code application/pdf}) of every e-mail to {@code address}, oldest first. */
    public List<byte[]> attachmentsFor(String address, String mimeType) {
        List<byte[]> out = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            if (read(m).to().stream().anyMatch(address::equalsIgnoreCase)) {
                try {
                    if (m.getContent() instanceof jakarta.mail.Multipart mp) {
                        collect(mp, mimeType, out);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("Cannot read the parts of an e-mail to " + address, e);
                }
            }
        }
        return out;
    }

    private static void collect(jakarta.mail.Multipart mp, String mimeType, List<byte[]> out) throws Exception {
        for (int i = 0; i < mp.getCount(); i++) {
            jakarta.mail.BodyPart part = mp.getBodyPart(i);
            if (part.isMimeType(mimeType)) {
                try (var in = part.getInputStream()) {
                    out.add(in.readAllBytes());
                }
            } else if (part.getContent() instanceof jakarta.mail.Multipart nested) {
                collect(nested, mimeType, out);
            }
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static Mail read(MimeMessage m) {
        try {
            Address[] from = m.getFrom();
            Address[] to = m.getRecipients(Message.RecipientType.TO);
            return new Mail(m.getSubject(),
                    from == null || from.length == 0 ? null : from[0].toString(),
                    to == null ? List.of() : Arrays.stream(to).map(MailServer::address).toList(),
                    textOf(m),
                    GreenMailUtil.getWholeMessage(m));
        } catch (MessagingException e) {
            throw new IllegalStateException("Cannot read a received e-mail", e);
        }
    }

    private static String address(Address a) {
        return a instanceof jakarta.mail.internet.InternetAddress ia ? ia.getAddress() : a.toString();
    }

    private static String textOf(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof String s) {
                return s;
            }
            if (content instanceof jakarta.mail.Multipart mp) {
                return firstText(mp);
            }
            return GreenMailUtil.getBody(m);
        } catch (Exception e) {
            return GreenMailUtil.getBody(m);
        }
    }

    private static String firstText(jakarta.mail.Multipart mp) throws Exception {
        for (int i = 0; i < mp.getCount(); i++) {
            jakarta.mail.BodyPart part = mp.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return String.valueOf(part.getContent());
            }
            if (part.getContent() instanceof jakarta.mail.Multipart nested) {
                String text = firstText(nested);
                if (text != null) {
                    return text;
                }
            }
        }
        for (int i = 0; i < mp.getCount(); i++) {
            jakarta.mail.BodyPart part = mp.getBodyPart(i);
            if (part.isMimeType("text/html")) {
                return String.valueOf(part.getContent());
            }
        }
        return null;
    }
}
