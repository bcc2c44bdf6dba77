package app.rapport.reports;

import app.rapport.platform.testing.RapportTestProperties;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each of reports-service's integration tests starts from: the service on a free port against
 * the fixtures' database and broker, its own SMTP server unless it {@linkplain #sendsNoMail sends
 * no mail}, the clinician's requests, received referrals as the broker brings them, and the
 * service's clock, back to the real time after every test. A subclass carries
 * {@code @MicronautTest(transactional = false)} and adds its settings in {@link #configure}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportsServiceTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;
    @Inject
    TestClock clock;

    ClinicianRequests api;
    ReceivedReferrals referrals;
    /** The clinic's mail server, as reports and letters reach it; null when the test sends no mail. */
    GreenMail smtp;

    /** True for a test that sends nothing by e-mail: it starts no SMTP server. */
    boolean sendsNoMail() {
        return false;
    }

    /** The test's own settings, on top of the common ones. */
    void configure(Map<String, String> props) {
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("reports"));
        // A free port: other modules' and worktrees' test runs may hold 8084 at the same time.
        props.put("micronaut.server.port", "-1");
        if (!sendsNoMail()) {
            smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
            smtp.start();
            props.put("rapport.mail.host", "127.0.0.1");
            props.put("rapport.mail.port", String.valueOf(smtp.getSmtp().getPort()));
            props.put("rapport.mail.starttls", "false"); // GreenMail's plain SMTP port
        }
        configure(props);
        return props;
    }

    @BeforeAll
    void clinicianAndReferrals() {
        api = new ClinicianRequests(http);
        referrals = new ReceivedReferrals(api, dataSourceResolver.resolve(dataSource));
    }

    @AfterEach
    void realTimeAgain() {
        clock.reset();
    }

    /** The e-mails the mail server received for {@code address}, in the order they came. */
    List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(address))) {
                out.add(m);
            }
        }
        return out;
    }

    @AfterAll
    void stopMailServer() {
        if (smtp != null) {
            smtp.stop();
        }
    }
}
