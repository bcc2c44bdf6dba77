package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.SendingRecovery;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A report's send against the real database, broker and SMTP server, raced for real: a second
 * request runs while the first is parked inside the service ({@link HoldPoints}), and the two take
 * turns on the database's row locks. Also what happens when the sender stops between the mail
 * server's acceptance and SENT, and the versions that keep two people from overwriting each other.
 */
@MicronautTest(transactional = false)
class ReportSendingTest extends ReportsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SENDER = "reports@harbor-integrative.example.com";

    @Inject
    SendingRecovery recovery;
    @Inject
    ClinicCalendar calendar;

    @Override
    void configure(Map<String, String> props) {
        props.put("rapport.mail.from", SENDER);
        props.put("rapport.test.hold-points", "true");
        // A parked request waits as long as the test lets it (WAIT), beyond the client's default 10 s.
        props.put("micronaut.http.client.read-timeout", "60s");
        // Any claim counts as stale when the test runs the recovery step; it runs only when the test says.
        props.put("rapport.reports.unconfirmed-after", "0s");
        props.put("rapport.reports.sending.recovery-interval", "1h");
        props.put("rapport.reports.status-updates.enabled", "false");
    }

    // ---- content edited while the report is being sent ------------------------------------

    @Test
    void anEditSavedWhileTheReportIsBeingSentIsWhatGoesOutAndTheSentReportStaysSent() throws Exception {
        Partners.Referral r = draftWithConsent("everett");
        String reportId = reportTo(r);
        Map<String, Object> edited = ReportFlowTest.content();
        edited.put("coverLetter", "Kestrel clinic note: she is back at work full time.");

        // The edit has read the report and checked its content, and is parked before it writes.
        HoldPoints.arm(HoldPoints.CONTENT_CHECKED, HoldPoints.Then.CONTINUE);
        CompletableFuture<Integer> edit = CompletableFuture.supplyAsync(status(() ->
                http.toBlocking().exchange(auth(HttpRequest.PUT("/api/v1/reports/" + reportId + "/content", edited), r.clinic()))));
        HoldPoints.awaitReached(HoldPoints.CONTENT_CHECKED);
        // The send starts meanwhile: it must wait for the edit, not send the old text and then be overwritten.
        CompletableFuture<Integer> send = sendLater(r, reportId);
        awaitBlockedOrDone(send);
        HoldPoints.release(HoldPoints.CONTENT_CHECKED);

        assertThat(edit.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(send.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENT");
        List<MimeMessage> mails = mailsOf(reportId);
        assertThat(mails).hasSize(1);
        assertThat(pdfText(mails.get(0))).contains("Kestrel");
        // Once sent, an edit is refused and the report stays SENT.
        assertThat(status(() -> http.toBlocking().exchange(auth(HttpRequest.PUT("/api/v1/reports/" + reportId + "/content",
                ReportFlowTest.content()), r.clinic()))).get()).isEqualTo(409);
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENT");
    }

    // ---- a consent revoked while the report goes out --------------------------------------

    @Test
    void aRevocationMadeWhileTheReportGoesOutComesAfterItsDisclosureNeverBefore() throws Exception {
        Partners.Referral r = draftWithConsent("lynnwood");
        String reportId = reportTo(r);
        String consentId = get(r.clinic(), "/api/v1/consents?patient=" + r.patient()).get("items").get(0).get("id").asText();

        // The send has decided under the consent and rendered the PDF, and is parked before it claims the report.
        HoldPoints.arm(HoldPoints.REPORT_RENDERED, HoldPoints.Then.CONTINUE);
        CompletableFuture<Integer> send = sendLater(r, reportId);
        HoldPoints.awaitReached(HoldPoints.REPORT_RENDERED);
        CompletableFuture<Integer> revoke = CompletableFuture.supplyAsync(status(() ->
                http.toBlocking().exchange(auth(HttpRequest.POST("/api/v1/consents/" + consentId + "/revoke",
                        Map.of("reason", "patient asked by phone")), r.clinic()))));
        awaitBlockedOrDone(revoke);
        HoldPoints.release(HoldPoints.REPORT_RENDERED);

        assertThat(send.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(revoke.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        JsonNode disclosure = disclosureOf(r, reportId);
        JsonNode consent = get(r.clinic(), "/api/v1/consents?patient=" + r.patient()).get("items").get(0);
        assertThat(disclosure.get("consentId").asText()).isEqualTo(consentId);
        // Logged under the consent as it stood, and the revocation committed only after that.
        assertThat(Instant.parse(consent.get("revokedAt").asText()))
                .isAfter(Instant.parse(disclosure.get("disclosedAt").asText()));
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENT");
        assertThat(mailsOf(reportId)).hasSize(1);
    }

    // ---- the sender stops between the mail server's acceptance and SENT ----------------------

    @Test
    void aSenderThatStopsAfterTheMailServerTookTheReportLeavesItLoggedAndFlaggedForStaffNotSentTwice()
            throws Exception {
        Partners.Referral r = draftWithConsent("bothell");
        String reportId = reportTo(r);

        HoldPoints.arm(HoldPoints.REPORT_DELIVERED, HoldPoints.Then.DIE);
        CompletableFuture<Integer> send = sendLater(r, reportId);
        HoldPoints.awaitReached(HoldPoints.REPORT_DELIVERED);
        // The mail server has it; the disclosure was logged before it left.
        assertThat(mailsOf(reportId)).hasSize(1);
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENDING");
        assertThat(disclosureOf(r, reportId)).isNotNull();
        HoldPoints.release(HoldPoints.REPORT_DELIVERED);
        assertThat(send.get(30, TimeUnit.SECONDS)).isEqualTo(500);
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENDING");

        assertThat(recovery.flagStale()).isGreaterThanOrEqualTo(1);

        assertThat(report(r, reportId).get("status").asText()).isEqualTo("DELIVERY_UNCONFIRMED");
        assertThat(disclosuresOf(r, reportId)).hasSize(1);
        assertThat(mailsOf(reportId)).hasSize(1);
        assertThat(reportSentEvents(reportId)).isEmpty();

        // Staff learn it arrived: SENT, and ReportSent once.
        HttpResponse<String> confirmed = http.toBlocking().exchange(auth(HttpRequest.POST(
                "/api/v1/reports/" + reportId + "/confirm-delivery", Map.of()), r.clinic(), "staff"), String.class);
        assertThat(JSON.readTree(confirmed.body()).get("status").asText()).isEqualTo("SENT");
        assertThat(confirmed.header("ETag")).isNotBlank();
        await().atMost(WAIT).until(() -> reportSentEvents(reportId).size() == 1);
        assertThat(disclosuresOf(r, reportId)).hasSize(1);
        assertThat(mailsOf(reportId)).hasSize(1);
        assertThat(status(() -> http.toBlocking().exchange(auth(HttpRequest.POST(
                "/api/v1/reports/" + reportId + "/confirm-delivery", Map.of()), r.clinic(), "staff"))).get()).isEqualTo(409);
    }

    @Test
    void anUnconfirmedReportSentAgainDeliberatelyCarriesTheSameMessageIdAndStaysOneDisclosure() throws Exception {
        Partners.Referral r = draftWithConsent("kenmore");
        String reportId = reportTo(r);
        HoldPoints.arm(HoldPoints.REPORT_DELIVERED, HoldPoints.Then.DIE);
        CompletableFuture<Integer> send = sendLater(r, reportId);
        HoldPoints.awaitReached(HoldPoints.REPORT_DELIVERED);
        HoldPoints.release(HoldPoints.REPORT_DELIVERED);
        send.get(30, TimeUnit.SECONDS);
        recovery.flagStale();
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("DELIVERY_UNCONFIRMED");

        post(r.clinic(), "/api/v1/reports/" + reportId + "/send", Map.of("channel", "EMAIL"));

        assertThat(report(r, reportId).get("status").asText()).isEqualTo("SENT");
        List<MimeMessage> mails = mailsOf(reportId);
        assertThat(mails).hasSize(2);
        assertThat(mails.get(1).getMessageID()).isEqualTo(mails.get(0).getMessageID())
                .isEqualTo("<report-" + reportId + "@harbor-integrative.example.com>");
        assertThat(disclosuresOf(r, reportId)).hasSize(1);
    }

    // ---- versions ---------------------------------------------------------------------------

    @Test
    void aSaveFromAScreenOpenedBeforeSomeoneElseSavedIsRefusedWith412AndChangesNothing() throws Exception {
        Partners.Referral r = draftWithConsent("redmond");
        String reportId = reportTo(r);
        HttpResponse<String> opened = http.toBlocking().exchange(auth(HttpRequest.GET("/api/v1/reports/" + reportId),
                r.clinic()), String.class);
        String etag = opened.header("ETag");
        assertThat(etag).isEqualTo("\"" + JSON.readTree(opened.body()).get("version").asLong() + "\"");

        Map<String, Object> first = ReportFlowTest.content();
        first.put("coverLetter", "Saved first by Dr. Ruiz.");
        HttpResponse<String> saved = http.toBlocking().exchange(auth(HttpRequest.PUT("/api/v1/reports/" + reportId
                + "/content", first).header("If-Match", etag), r.clinic()), String.class);
        assertThat(saved.header("ETag")).isNotEqualTo(etag);

        Map<String, Object> second = ReportFlowTest.content();
        second.put("coverLetter", "Saved second from a stale tab.");
        HttpClientResponseException stale = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(auth(HttpRequest.PUT("/api/v1/reports/" + reportId + "/content", second)
                        .header("If-Match", etag), r.clinic()), String.class));
        assertThat(stale.getStatus().getCode()).isEqualTo(412);
        assertThat(stale.getResponse().getBody(String.class).orElseThrow()).contains("stale-version");
        assertThat(report(r, reportId).get("content").get("coverLetter").asText()).isEqualTo("Saved first by Dr. Ruiz.");
    }

    @Test
    void aRevocationOfAConsentChangedSinceItWasReadIs412() throws Exception {
        Partners.Referral r = draftWithConsent("sammamish");
        JsonNode consent = get(r.clinic(), "/api/v1/consents?patient=" + r.patient()).get("items").get(0);
        long version = consent.get("version").asLong();
        int status = status(() -> http.toBlocking().exchange(auth(HttpRequest.POST("/api/v1/consents/"
                + consent.get("id").asText() + "/revoke", Map.of("reason", "asked")).header("If-Match",
                "\"" + (version + 1) + "\""), r.clinic()))).get();
        assertThat(status).isEqualTo(412);
        assertThat(get(r.clinic(), "/api/v1/consents?patient=" + r.patient()).get("items").get(0).get("status").asText())
                .isEqualTo("VALID");
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** A received referral whose report to the referrer has content and a consent: ready to send. */
    private Partners.Referral draftWithConsent(String city) throws Exception {
        Partners.Referral r = Partners.Referral.fresh(TestClinics.unique(city));
        Partners.referrerKnown(r);
        Partners.pcpKnown(r);
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        await().atMost(WAIT).until(() -> get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId()).get("total").asInt() == 2);
        String reportId = reportTo(r);
        http.toBlocking().exchange(auth(HttpRequest.PUT("/api/v1/reports/" + reportId + "/content",
                ReportFlowTest.content()), r.clinic()));
        // The referrer (and their e-mail address) reaches the directory copy by its own event.
        await().atMost(WAIT).until(() -> status(() -> http.toBlocking().exchange(auth(HttpRequest.GET(
                "/api/v1/reports/" + reportId + "/render/pdf"), r.clinic()), byte[].class)).get() == 200);
        Map<String, Object> consent = new HashMap<>();
        consent.put("patientReference", r.patient());
        consent.put("practitionerId", r.referrerId());
        consent.put("scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"));
        consent.put("validFrom", calendar.today(r.clinic()).minusDays(1).toString());
        consent.put("obtainedVia", "WRITTEN_FORM");
        post(r.clinic(), "/api/v1/consents", consent);
        return r;
    }

    /** The clinician's click on "send" by e-mail, on its own thread; its answer's status. */
    private CompletableFuture<Integer> sendLater(Partners.Referral r, String reportId) {
        return CompletableFuture.supplyAsync(status(() -> http.toBlocking().exchange(auth(HttpRequest.POST(
                "/api/v1/reports/" + reportId + "/send", Map.of("channel", "EMAIL")), r.clinic()))));
    }

    private String reportTo(Partners.Referral r) {
        for (JsonNode rep : get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId()).get("items")) {
            if (rep.get("recipientRole").asText().equals("REFERRING_PRACTITIONER")) {
                return rep.get("id").asText();
            }
        }
        throw new AssertionError("no report to the referrer");
    }

    /**
     * Until the other request waits on a row lock (the fix makes it) or is done (without the fix it
     * would not wait): only then is the parked one let go, so the order the test wants is the one that ran.
     */
    private void awaitBlockedOrDone(CompletableFuture<?> other) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> other.isDone() || lockWaits() > 0);
    }

    /**
     * Statements waiting for a row lock. InnoDB's own view ({@code innodb_trx}) is a cache that, on a
     * machine whose cores are busy, has been seen to show a waiting {@code FOR UPDATE} as running for
     * over ten seconds; a locking read still executing after the 20 ms between polls is as sure a sign
     * (unblocked it takes well under a millisecond), so either counts.
     */
    private int lockWaits() throws Exception {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT (SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT')"
                             + " + (SELECT COUNT(*) FROM information_schema.processlist"
                             + " WHERE command = 'Query' AND info LIKE '%FOR UPDATE' AND id <> CONNECTION_ID())")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private JsonNode disclosureOf(Partners.Referral r, String reportId) {
        List<JsonNode> all = disclosuresOf(r, reportId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<JsonNode> disclosuresOf(Partners.Referral r, String reportId) {
        List<JsonNode> out = new ArrayList<>();
        get(r.clinic(), "/api/v1/disclosures?patient=" + r.patient()).path("items").forEach(d -> {
            if (reportId.equals(d.path("reportId").asText())) {
                out.add(d);
            }
        });
        return out;
    }

    private static List<?> reportSentEvents(String reportId) {
        return KafkaProbe.records(Topics.REPORTS, rec -> reportId.equals(rec.key())
                && EventTypes.REPORT_SENT.equals(EventEnvelope.header(rec.headers(), "ce_type")));
    }

    private List<MimeMessage> mailsOf(String reportId) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (("<report-" + reportId + "@harbor-integrative.example.com>").equals(m.getMessageID())) {
                out.add(m);
            }
        }
        return out;
    }

    private static String pdfText(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        parts.getBodyPart(1).getInputStream().transferTo(pdf);
        try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private JsonNode report(Partners.Referral r, String id) {
        return get(r.clinic(), "/api/v1/reports/" + id);
    }

    private JsonNode get(String clinic, String path) {
        try {
            return JSON.readTree(http.toBlocking().retrieve(auth(HttpRequest.GET(path), clinic), String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode post(String clinic, String path, Object body) {
        try {
            return JSON.readTree(http.toBlocking().retrieve(auth(HttpRequest.POST(path, body), clinic), String.class));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String clinic) {
        return auth(request, clinic, "clinician");
    }

    private static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String clinic, String role) {
        return request.header("Authorization", TestTokens.bearer(clinic, role));
    }

    private static Supplier<Integer> status(Runnable call) {
        return () -> {
            try {
                call.run();
                return 200;
            } catch (HttpClientResponseException e) {
                return e.getStatus().getCode();
            }
        };
    }
}
