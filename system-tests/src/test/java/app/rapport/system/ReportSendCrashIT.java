package app.rapport.system;

import app.rapport.local.ServiceApi;
import app.rapport.local.LocalPlatform;
import app.rapport.local.RapportService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reports-service killed dead between the mail server's acceptance of a report and its SENT
 * (the test-only {@code RAPPORT_REPORTS_FAULT_HALT_AFTER_DELIVERY} stops the JVM right there, as a
 * kill -9 would). After the restart the recovery step flags the report DELIVERY_UNCONFIRMED: the
 * disclosure log has exactly one row for it, the mailbox exactly one message with its Message-ID,
 * and nothing is sent again until staff decide.
 */
@Order(25)
class ReportSendCrashIT {

    private static final Duration RESTART = Duration.ofMinutes(3);
    /** Short thresholds so the recovery step runs within the test. */
    private static final Map<String, String> QUICK_RECOVERY = Map.of(
            "RAPPORT_REPORTS_UNCONFIRMED_AFTER", "3s",
            "RAPPORT_REPORTS_SENDING_RECOVERY_INTERVAL", "2s");

    private static LocalPlatform platform;

    @BeforeAll
    static void reportsServiceSendsMailAndHaltsAfterDelivering() {
        platform = RunningPlatform.get();
        platform.startMailServer();
        platform.awaitMailServer(RESTART);
        Map<String, String> env = new java.util.HashMap<>(QUICK_RECOVERY);
        env.put("RAPPORT_REPORTS_FAULT_HALT_AFTER_DELIVERY", "true");
        restartReports(env);
    }

    @AfterAll
    static void reportsServiceAsTheOtherTestsKnowIt() {
        platform.stopMailServer();
        restartReports(Map.of());
    }

    @Test
    void aReportWhoseSenderDiedAfterTheMailServerTookItIsLoggedOnceMailedOnceAndFlaggedForStaff() {
        ClinicSession staff = new ClinicSession("crash-" + java.util.UUID.randomUUID().toString().substring(0, 6));
        ReportDrafts.Draft d = ReportDrafts.ready(staff);

        // The send: SMTP accepts the message, then the process stops before SENT.
        try {
            ServiceApi.Answer answer = staff.reports.post("/api/v1/reports/" + d.reportId() + "/send", staff.token,
                    Map.of("channel", "EMAIL"));
            assertThat(answer.status()).as("the process halts before it answers: " + answer).isGreaterThanOrEqualTo(500);
        } catch (UncheckedIOException expected) {
            // The connection dropped with the process: the client cannot know the outcome.
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !platform.isServiceRunning(RapportService.REPORTS));
        assertThat(messagesWithId(d)).isEqualTo(1);

        restartReports(QUICK_RECOVERY);

        await().atMost(Duration.ofSeconds(60)).until(() -> "DELIVERY_UNCONFIRMED".equals(
                staff.reports.get("/api/v1/reports/" + d.reportId(), staff.token).text("status")));
        assertThat(ReportDrafts.disclosures(d)).hasSize(1);
        // Some more recovery runs: it is not sent again behind anyone's back.
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertThat(messagesWithId(d)).isEqualTo(1);
        assertThat(ReportDrafts.disclosures(d)).hasSize(1);

        // Staff confirm it arrived: SENT, still one disclosure and one message.
        ServiceApi.Answer confirmed = staff.reports.post("/api/v1/reports/" + d.reportId() + "/confirm-delivery", staff.token, Map.of());
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.text("status")).isEqualTo("SENT");
        assertThat(ReportDrafts.disclosures(d)).hasSize(1);
        assertThat(messagesWithId(d)).isEqualTo(1);
        Tally.count(Tally.FAULTS);
    }

    private static void restartReports(Map<String, String> env) {
        platform.stopService(RapportService.REPORTS, false);
        platform.startService(RapportService.REPORTS, env);
        platform.awaitServiceHealthy(RapportService.REPORTS, RESTART);
    }

    /** Messages in the partner's GreenMail inbox carrying the report's Message-ID. */
    private static int messagesWithId(ReportDrafts.Draft d) {
        try {
            String email = d.staff().contacts.get("/api/v1/practitioners/" + d.partner(), d.staff().token).text("email");
            HttpResponse<String> inbox = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    platform.mailApiUrl() + "/api/user/" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                            + "/messages/INBOX")).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (inbox.statusCode() == 404) {
                return 0;
            }
            int n = 0;
            for (JsonNode m : new ObjectMapper().readTree(inbox.body())) {
                if (m.toString().contains("report-" + d.reportId() + "@")) {
                    n++;
                }
            }
            return n;
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
