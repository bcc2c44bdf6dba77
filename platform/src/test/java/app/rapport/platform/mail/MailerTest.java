package app.rapport.platform.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one mailer against a real SMTP server. GreenMail's plain SMTP offers no STARTTLS: exactly
 * the server (or the man in the middle stripping STARTTLS) a mailer with TLS on must refuse.
 */
class MailerTest {

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private MailSettings settings(boolean starttls, String user) {
        MailSettings s = new MailSettings();
        s.setHost("127.0.0.1");
        s.setPort(smtp.getSmtp().getPort());
        s.setFrom("reports@lakeside-chiro.example.com");
        s.setStarttls(starttls);
        s.setUser(user);
        s.setPassword(user == null ? null : "secret");
        return s;
    }

    @Test
    void withTlsOnAServerThatDoesNotOfferStarttlsGetsNothingInTheClear() {
        Mailer mailer = new Mailer(settings(true, null));

        assertThatThrownBy(() -> mailer.send(Mail.text("m.okafor@lakeview.example.com", "Patient Records: Confidential",
                "The report is attached.")))
                .isInstanceOf(MailRefused.class)
                .hasMessageContaining("STARTTLS");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aLoginRequiresStarttlsEvenWhenTlsWasSwitchedOff() {
        // The login itself would be accepted: only the missing STARTTLS stops the password going out in the clear.
        smtp.setUser("reports@lakeside-chiro.example.com", "reports", "secret");
        Mailer mailer = new Mailer(settings(false, "reports"));

        assertThatThrownBy(() -> mailer.send(Mail.text("m.okafor@lakeview.example.com", "Subject", "Body")))
                .isInstanceOf(MailRefused.class);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aMessageWithAKeyCarriesTheSameMessageIdEveryTimeAndItsAttachment() throws Exception {
        Mailer mailer = new Mailer(settings(false, null));
        Mail mail = Mail.text("m.okafor@lakeview.example.com", "Patient Records: Confidential", "Dear Dr. Okafor")
                .attach("report-42.pdf", "application/pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII))
                .identifiedBy("report-42");

        mailer.send(mail);
        mailer.send(mail);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo("<report-42@lakeside-chiro.example.com>")
                .isEqualTo(received[1].getMessageID()).isEqualTo(mailer.messageId("report-42"));
        Multipart parts = (Multipart) received[0].getContent();
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("report-42.pdf");
    }

    @Test
    void noServerListeningIsARefusalNotAnUnknownOutcome() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        MailSettings s = settings(false, null);
        s.setPort(closed);

        assertThatThrownBy(() -> new Mailer(s).send(Mail.text("a@b.example", "S", "B"))).isInstanceOf(MailRefused.class);
    }
}
