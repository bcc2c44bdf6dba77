package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RoundTrips;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.plugin.PdfReportRenderer;
import app.rapport.reports.plugin.PrintedRecordsPdf;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The report's life against the real database, broker and SMTP server: queued from a received
 * referral, held until consent, written, rendered, sent by e-mail or print queue, logged as a
 * disclosure, and refused without a valid consent.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportFlowTest extends ReportsServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The referrer's fax in the PractitionerUpdated sample. */
    private static final String REFERRER_FAX = "+12065550144";
    /** The one clinic of these tests with an e-mail-to-fax gateway. */
    private static final String FAX_GATEWAY_CLINIC = TestClinics.unique("tacoma");

    @Inject
    ClinicCalendar calendar;

    @Override
    void configure(Map<String, String> props) {
        props.put("rapport.mail.from", "reports@lakeside-chiro.example.com");
        props.put("rapport.reports.fax-gateways", FAX_GATEWAY_CLINIC + "=fax.example.net,elsewhere=efax.example.com");
        props.putAll(RoundTrips.recordedThrough(props));
    }

    @AfterAll
    void stopCapturingLogs() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    /** Every log line the service writes while these tests run. */
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeAll
    void captureLogs() {
        logs.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    /** Runs after every other e-mail test: it stops the SMTP server. */
    @Test
    @Order(Integer.MAX_VALUE - 1)
    void whenTheMailServerRefusesNothingIsSentLoggedOrPublished() throws Exception {
        Partners.Referral r = referralWithRecipients("puyallup");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        consent(r, r.referrerId(), today(r), null);
        smtp.stop();

        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> send(r, reportId, "EMAIL"));
        assertThat(e.getStatus().getCode()).isEqualTo(502);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("delivery-failed");
        assertThat(report(r, reportId).get("status").asText()).isEqualTo("DRAFT");
        assertNothingDisclosed(r, reportId);
        // The print queue still works: the clinic can send it another way.
        assertThat(send(r, reportId, "PRINT").get("channel").asText()).isEqualTo("PRINT");
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void noLogLineNamesAPatientOrTheirBirthDate() {
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("Elena") || line.contains("Marsh") || line.contains("1991-04-17"));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains("Sent report"));
    }

    // ---- plugins -------------------------------------------------------------------------

    @Test
    void theRenderersAndDeliveriesArePluginsAClinicCanSwitchOff() throws Exception {
        Partners.Referral r = referralWithRecipients("auburn");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        JsonNode plugins = get(r.clinic(), "/api/v1/plugins?size=50");
        List<String> names = new ArrayList<>();
        plugins.get("items").forEach(p -> names.add(p.get("extensionPoint").asText() + "/" + p.get("name").asText()));
        assertThat(names).contains("report-renderer/pdf-report", "report-renderer/fhir-bundle",
                "report-delivery/email-delivery", "report-delivery/fax-gateway", "report-delivery/print-queue");

        http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/plugins/fhir-bundle", Map.of("enabled", false))
                .header("Authorization", TestTokens.bearer(r.clinic(), "staff")), String.class);
        http.toBlocking().retrieve(HttpRequest.PUT("/api/v1/plugins/email-delivery", Map.of("enabled", false))
                .header("Authorization", TestTokens.bearer(r.clinic(), "staff")), String.class);
        assertThat(status(() -> http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/reports/" + reportId + "/render/fhir"),
                r.clinic()), String.class))).isEqualTo(422);
        consent(r, r.referrerId(), today(r), null);
        assertThat(status(() -> send(r, reportId, "EMAIL"))).isEqualTo(422);
        assertNothingDisclosed(r, reportId);
        // Another clinic keeps them.
        Partners.Referral other = referralWithRecipients("kirkland");
        String otherReport = reportTo(other, "REFERRING_PRACTITIONER");
        writeContent(other, otherReport, content());
        assertThat(http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/reports/" + otherReport + "/render/fhir"),
                other.clinic()), String.class)).contains("\"Bundle\"");
    }

    // ---- queueing -------------------------------------------------------------------------

    @Test
    void aReceivedReferralQueuesOneReportToTheReferrerAndOneToThePcpEvenWhenRedeliveredOrReplayed() throws Exception {
        Partners.Referral r = Partners.Referral.fresh(TestClinics.unique("seattle"));
        EventEnvelope received = Partners.received(r, "2025-03-03");
        Partners.send(Topics.REFERRALS, received);
        Partners.send(Topics.REFERRALS, received);                      // redelivered: same ce_id
        Partners.send(Topics.REFERRALS, Partners.replayed(received));   // replayed under a new ce_id

        JsonNode reports = awaitReports(r, 2);
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> reports(r).get("total").asInt() == 2);
        Map<String, String> roleToRecipient = new HashMap<>();
        for (JsonNode rep : reports.get("items")) {
            roleToRecipient.put(rep.get("recipientRole").asText(), rep.get("practitionerId").asText());
            assertThat(rep.get("status").asText()).isEqualTo("AWAITING_CONSENT");
            assertThat(rep.get("type").asText()).isEqualTo("INITIAL");
            assertThat(rep.get("patientReference").asText()).isEqualTo(r.patient());
        }
        assertThat(roleToRecipient).containsEntry("REFERRING_PRACTITIONER", r.referrerId())
                .containsEntry("PRIMARY_CARE", r.pcpId());

        List<ConsumerRecord<String, byte[]>> queued = awaitEvents(EventTypes.REPORT_QUEUED, r.referralId(), 2);
        for (ConsumerRecord<String, byte[]> rec : queued) {
            String payload = new String(rec.value(), StandardCharsets.UTF_8);
            assertThat(GoldenSamples.shapeDifferences("ReportQueued.v1", payload)).isEmpty();
            EventEnvelope e = EventEnvelope.fromRecord(rec);
            assertThat(e.clinicId()).isEqualTo(r.clinic());
            assertThat(payload).doesNotContain("Elena").doesNotContain("Marsh").doesNotContain("1991-04-17");
        }
    }

    @Test
    void aReturningPatientsConsentOnFileMakesOnlyItsRecipientsFirstReportADraftReadInOneGo() throws Exception {
        Partners.Referral first = referralWithRecipients("bremerton");
        consent(first, first.referrerId(), today(first), null);
        // The same patient referred again by the same referrer, with the same PCP: the consent on
        // file covers the new report to the referrer and not the one to the PCP.
        Partners.Referral again = new Partners.Referral(first.clinic(), UUID.randomUUID().toString(), first.referrerId(),
                first.pcpId(), first.patient());
        List<RoundTrips.Sent> sent;
        RoundTrips.start();
        try {
            Partners.send(Topics.REFERRALS, Partners.received(again, "2025-03-10"));
            awaitReports(again, 2);
        } finally {
            sent = RoundTrips.stop();
        }
        Map<String, String> statusByRole = new HashMap<>();
        for (JsonNode rep : reports(again).get("items")) {
            statusByRole.put(rep.get("recipientRole").asText(), rep.get("status").asText());
        }
        assertThat(statusByRole).containsEntry("REFERRING_PRACTITIONER", "DRAFT")
                .containsEntry("PRIMARY_CARE", "AWAITING_CONSENT");
        // Both recipients' consents in one read and both reports in one guarded insert.
        List<String> consumer = sent.stream().filter(s -> s.thread().contains("reports-service.referrals"))
                .map(RoundTrips.Sent::sql).toList();
        assertThat(consumer.stream().filter(sql -> sql.startsWith("SELECT") && sql.contains("FROM `consent`"))).hasSize(1);
        assertThat(consumer.stream().filter(sql -> sql.startsWith("INSERT IGNORE INTO report"))).hasSize(1);
    }

    @Test
    void theReportsWaitForWhoThePatientIsWhicheverOfTheTwoEventsComesFirst() throws Exception {
        // ReferralReceived first: the referral is counted, but no report without the patient's name.
        Partners.Referral late = Partners.Referral.fresh(TestClinics.unique("kent"));
        EventEnvelope received = Partners.received(late, "2025-03-03");
        KafkaProbe.send(Topics.REFERRALS, received);
        await().atMost(WAIT).until(() -> rows("SELECT 1 FROM referral WHERE clinic_id = ? AND id = ?",
                late.clinic(), late.referralId()) == 1);
        await().during(Duration.ofMillis(800)).atMost(WAIT).until(() -> reports(late).get("total").asInt() == 0);
        KafkaProbe.send(Topics.PATIENTS, Partners.patientOf(received));
        awaitReports(late, 2);

        // PatientReferred first: kept, and the reports go as soon as the referral arrives.
        Partners.Referral early = Partners.Referral.fresh(TestClinics.unique("renton"));
        EventEnvelope alsoReceived = Partners.received(early, "2025-03-03");
        KafkaProbe.send(Topics.PATIENTS, Partners.patientOf(alsoReceived));
        await().atMost(WAIT).until(() -> rows("SELECT 1 FROM referral_patient WHERE clinic_id = ? AND referral_id = ? "
                + "AND last_name = 'Marsh'", early.clinic(), early.referralId()) == 1);
        assertThat(reports(early).get("total").asInt()).isZero();
        KafkaProbe.send(Topics.REFERRALS, alsoReceived);
        JsonNode reports = awaitReports(early, 2);
        for (JsonNode rep : reports.get("items")) {
            assertThat(rep.get("patientReference").asText()).isEqualTo(early.patient());
        }
        for (Partners.Referral r : List.of(late, early)) {
            assertThat(rows("SELECT 1 FROM referral r JOIN referral_patient p ON p.clinic_id = r.clinic_id "
                    + "AND p.referral_id = r.id WHERE r.clinic_id = ? AND r.id = ? AND p.first_name = 'Elena' "
                    + "AND p.birth_date = '1991-04-17' AND p.reason LIKE 'Low back%' AND p.diagnosis_codes = 'O26.893,M54.50'",
                    r.clinic(), r.referralId())).as("who and why of %s", r.referralId()).isEqualTo(1);
        }
    }

    private int rows(String sql, Object... params) throws Exception {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        }
    }

    // ---- consent → draft → send ------------------------------------------------------------

    @Test
    void consentTurnsTheReportIntoADraftAndItIsEmailedAsAStampedPdfAndLoggedAsADisclosure() throws Exception {
        Partners.Referral r = referralWithRecipients("tacoma");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");

        String consentId = consent(r, r.referrerId(), calendar.today(r.clinic()).minusDays(1).toString(), null).get("id").asText();
        await().atMost(WAIT).until(() -> report(r, reportId).get("status").asText().equals("DRAFT"));

        writeContent(r, reportId, content());
        JsonNode disclosure = send(r, reportId, "EMAIL");
        assertThat(disclosure.get("consentId").asText()).isEqualTo(consentId);
        assertThat(disclosure.get("address").asText()).isEqualTo("m.okafor@lakeviewwomenshealth.example.com");

        // The real SMTP server got one message with the PDF attached.
        await().atMost(WAIT).until(() -> mailTo("m.okafor@lakeviewwomenshealth.example.com").size() == 1);
        MimeMessage mail = mailTo("m.okafor@lakeviewwomenshealth.example.com").get(0);
        assertThat(mail.getSubject()).contains("Confidential").doesNotContain("Elena").doesNotContain("Marsh");
        BodyPart attachment = ((Multipart) mail.getContent()).getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        attachment.getInputStream().transferTo(pdf);
        assertThat(new String(pdf.toByteArray(), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        List<String> pages = pagesOf(pdf.toByteArray());
        assertThat(pages.get(0)).contains("Dear Maya Okafor").contains("Elena Marsh").contains("Referred for: Low back");
        assertThat(String.join("\n", pages)).contains(PdfReportRenderer.PART_TREATMENT, PdfReportRenderer.PART_FREQUENCY,
                PdfReportRenderer.PART_GOALS, PdfReportRenderer.PART_MEASURES, "Pain (NRS 0-10)", "M54.50",
                "2 visits per week for 6 weeks", "Return to full-time work");

        JsonNode sent = report(r, reportId);
        assertThat(sent.get("status").asText()).isEqualTo("SENT");
        assertThat(sent.get("sentChannel").asText()).isEqualTo("EMAIL");

        JsonNode log = get(r.clinic(), "/api/v1/disclosures?patient=" + r.patient());
        assertThat(log.get("total").asInt()).isEqualTo(1);
        JsonNode row = log.get("items").get(0);
        assertThat(row.get("reportId").asText()).isEqualTo(reportId);
        assertThat(row.get("practitionerId").asText()).isEqualTo(r.referrerId());
        assertThat(row.get("recipientName").asText()).isEqualTo("Maya Okafor, MD, FACOG");
        assertThat(row.get("consentId").asText()).isEqualTo(consentId);
        assertThat(row.get("disclosedBy").asText()).isEqualTo("tester@" + r.clinic());
        assertThat(row.get("disclosedAt").asText()).isNotBlank();

        ConsumerRecord<String, byte[]> event = awaitEvents(EventTypes.REPORT_SENT, r.referralId(), 1).get(0);
        String payload = new String(event.value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("ReportSent.v1", payload)).isEmpty();
        JsonNode p = JSON.readTree(payload);
        assertThat(p.get("reportId").asText()).isEqualTo(reportId);
        assertThat(p.get("consentId").asText()).isEqualTo(consentId);
        assertThat(p.get("channel").asText()).isEqualTo("EMAIL");

        // Sent is final: a second send and a content change are refused.
        assertThat(status(() -> send(r, reportId, "EMAIL"))).isEqualTo(409);
        assertThat(status(() -> writeContent(r, reportId, content()))).isEqualTo(409);
        assertThat(mailTo("m.okafor@lakeviewwomenshealth.example.com")).hasSize(1);
    }

    @Test
    void aReportIsRefusedWithoutConsentAndNothingIsSentOrLogged() throws Exception {
        Partners.Referral r = referralWithRecipients("olympia");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());

        // A consent for the other recipient does not cover this one.
        consent(r, r.pcpId(), today(r), null);
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> send(r, reportId, "EMAIL"));
        assertThat(refused.getStatus().getCode()).isEqualTo(409);
        assertThat(refused.getResponse().getBody(String.class).orElseThrow()).contains("consent-required")
                .contains("\"reason\":\"MISSING\"");
        assertNothingDisclosed(r, reportId);
    }

    @Test
    void aReportIsRefusedAfterTheConsentIsRevokedOrHasExpired() throws Exception {
        Partners.Referral r = referralWithRecipients("everett");
        String toReferrer = reportTo(r, "REFERRING_PRACTITIONER");
        String toPcp = reportTo(r, "PRIMARY_CARE");
        writeContent(r, toReferrer, content());
        writeContent(r, toPcp, content());

        String consentId = consent(r, r.referrerId(), today(r), null).get("id").asText();
        assertThat(report(r, toReferrer).get("status").asText()).isEqualTo("DRAFT");
        JsonNode revoked = post(r.clinic(), "/api/v1/consents/" + consentId + "/revoke",
                Map.of("reason", "Patient asked us to stop sharing records"));
        assertThat(revoked.get("revokedAt").asText()).isNotBlank();
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        assertThat(report(r, toReferrer).get("status").asText()).isEqualTo("AWAITING_CONSENT");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> send(r, toReferrer, "EMAIL"));
        assertThat(e.getStatus().getCode()).isEqualTo(409);
        assertThat(e.getResponse().getBody(String.class).orElseThrow()).contains("revoked").contains("\"reason\":\"REVOKED\"");
        assertThat(status(() -> post(r.clinic(), "/api/v1/consents/" + consentId + "/revoke", Map.of("reason", "again"))))
                .isEqualTo(409);

        // A consent that ended yesterday is no consent today.
        JsonNode ended = consent(r, r.pcpId(), calendar.today(r.clinic()).minusDays(30).toString(), calendar.today(r.clinic()).minusDays(1).toString());
        assertThat(ended.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(report(r, toPcp).get("status").asText()).isEqualTo("AWAITING_CONSENT");
        HttpClientResponseException expired = assertThrows(HttpClientResponseException.class, () -> send(r, toPcp, "EMAIL"));
        assertThat(expired.getStatus().getCode()).isEqualTo(409);
        assertThat(expired.getResponse().getBody(String.class).orElseThrow()).contains("expired").contains("\"reason\":\"EXPIRED\"");

        assertNothingDisclosed(r, toReferrer);
        assertNothingDisclosed(r, toPcp);
    }

    @Test
    void aConsentWithoutAStartDayStartsTodayInTheClinicsTimeZoneAndSaysWhereItStands() throws Exception {
        Partners.Referral r = referralWithRecipients("kalispell");
        String toReferrer = reportTo(r, "REFERRING_PRACTITIONER");
        String toPcp = reportTo(r, "PRIMARY_CARE");

        JsonNode fromToday = consent(r, r.referrerId(), null, null);
        assertThat(fromToday.get("validFrom").asText()).isEqualTo(calendar.today(r.clinic()).toString());
        assertThat(fromToday.get("status").asText()).isEqualTo("VALID");
        assertThat(report(r, toReferrer).get("status").asText()).isEqualTo("DRAFT");

        // One that starts tomorrow does not release the report today, and says so.
        JsonNode later = consent(r, r.pcpId(), calendar.today(r.clinic()).plusDays(1).toString(), null);
        assertThat(later.get("status").asText()).isEqualTo("NOT_YET_VALID");
        assertThat(report(r, toPcp).get("status").asText()).isEqualTo("AWAITING_CONSENT");
        JsonNode listed = get(r.clinic(), "/api/v1/consents?patient=" + r.patient());
        assertThat(listed.get("items")).extracting(c -> c.get("status").asText())
                .containsExactlyInAnyOrder("VALID", "NOT_YET_VALID");
    }

    @Test
    void aFaxWithoutTheClinicsGatewayIsQueuedToBeFaxedByHandBehindTheEnvelopeAndACoverSheet() throws Exception {
        Partners.Referral r = referralWithRecipients("spokane");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        consent(r, r.referrerId(), today(r), null);
        byte[] report = http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/reports/" + reportId + "/render/pdf"),
                r.clinic()), byte[].class);

        // The referrer prefers FAX and this clinic has no fax gateway: never refused, faxed by hand.
        JsonNode disclosure = send(r, reportId, null);
        assertThat(disclosure.get("channel").asText()).isEqualTo("PRINT");
        assertThat(disclosure.get("address").asText()).isEqualTo(REFERRER_FAX);
        JsonNode queue = get(r.clinic(), "/api/v1/print-queue");
        assertThat(queue.get("total").asInt()).isEqualTo(1);
        JsonNode job = queue.get("items").get(0);
        assertThat(job.get("reportId").asText()).isEqualTo(reportId);
        assertThat(job.get("recipientName").asText()).isEqualTo("Maya Okafor, MD, FACOG");
        assertThat(job.get("faxByHand").asBoolean()).isTrue();
        assertThat(job.get("faxNumber").asText()).isEqualTo(REFERRER_FAX);

        byte[] pdf = http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/print-queue/" + job.get("id").asText() + "/pdf"),
                r.clinic()), byte[].class);
        List<String> pages = pagesOf(pdf);
        // The envelope page: to the partner at their address, stamped; it names no patient.
        assertThat(pages.get(0)).contains(PdfReportRenderer.CONFIDENTIAL, "Maya Okafor, MD, FACOG",
                "Lakeview Women's Health", "1420 Eastlake Ave E", "Suite 300", "Seattle, WA 98102")
                .doesNotContain("Elena").doesNotContain("Marsh");
        assertThat(PdfDrawing.ofPageWith(pdf, "1420 Eastlake Ave E").linesContaining(PdfReportRenderer.CONFIDENTIAL))
                .isNotEmpty();
        // The fax cover sheet: to, the number, the pages it covers, the notice.
        int reportPages = pagesOf(report).size();
        assertThat(pages.get(1)).contains(PrintedRecordsPdf.FAX_COVER_TITLE, "To: Maya Okafor, MD, FACOG",
                "Fax number: " + REFERRER_FAX, "Pages: " + (reportPages + 1) + " including this cover sheet",
                PdfReportRenderer.CONFIDENTIAL).doesNotContain("Elena");
        assertThat(pages).hasSize(reportPages + 2);
        assertThat(pages.get(2)).contains(PdfReportRenderer.CONFIDENTIAL);

        JsonNode printed = post(r.clinic(), "/api/v1/print-queue/" + job.get("id").asText() + "/printed", Map.of());
        assertThat(printed.get("printedBy").asText()).isEqualTo("tester@" + r.clinic());
        assertThat(get(r.clinic(), "/api/v1/print-queue").get("total").asInt()).isZero();
        assertThat(status(() -> post(r.clinic(), "/api/v1/print-queue/" + job.get("id").asText() + "/printed", Map.of())))
                .isEqualTo(409);
        assertThat(get(r.clinic(), "/api/v1/disclosures?patient=" + r.patient()).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void aFaxPreferenceGoesOutThroughTheClinicsEmailToFaxGateway() throws Exception {
        Partners.Referral r = referralWithRecipients(Partners.Referral.fresh(FAX_GATEWAY_CLINIC));
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        consent(r, r.referrerId(), today(r), null);

        JsonNode disclosure = send(r, reportId, null);
        assertThat(disclosure.get("channel").asText()).isEqualTo("FAX");
        assertThat(disclosure.get("address").asText()).isEqualTo(REFERRER_FAX);
        // The digits of the partner's fax at the clinic's gateway domain; nothing waits in the print queue.
        await().atMost(WAIT).until(() -> mailTo("12065550144@fax.example.net").size() == 1);
        MimeMessage fax = mailTo("12065550144@fax.example.net").get(0);
        assertThat(fax.getSubject()).isEqualTo(PdfReportRenderer.CONFIDENTIAL);
        ByteArrayOutputStream attached = new ByteArrayOutputStream();
        ((Multipart) fax.getContent()).getBodyPart(1).getInputStream().transferTo(attached);
        assertThat(pagesOf(attached.toByteArray()).get(0)).contains(PdfReportRenderer.CONFIDENTIAL);
        assertThat(get(r.clinic(), "/api/v1/print-queue").get("total").asInt()).isZero();
        assertThat(report(r, reportId).get("sentChannel").asText()).isEqualTo("FAX");
    }

    // ---- content and renderers -------------------------------------------------------------

    @Test
    void thePdfHasTheCoverLetterTheFourPartsAndTheStampOnEveryPage() throws Exception {
        Partners.Referral r = referralWithRecipients("renton");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());

        // Asked for as a PDF viewer (or the console passing it through) asks: Accept application/pdf.
        byte[] pdf = http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/reports/" + reportId + "/render/pdf")
                        .accept(MediaType.of("application/pdf")), r.clinic()), byte[].class);
        List<String> pages = pagesOf(pdf);
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3); // cover letter + a report long enough to turn the page
        for (String page : pages) {
            assertThat(page).contains(PdfReportRenderer.CONFIDENTIAL);
        }
        String first = pages.get(0);
        assertThat(first).contains("Dear Maya Okafor").contains("Thank you for referring");
        String all = String.join("\n", pages);
        assertThat(all.indexOf(PdfReportRenderer.PART_TREATMENT)).isLessThan(all.indexOf(PdfReportRenderer.PART_FREQUENCY));
        assertThat(all.indexOf(PdfReportRenderer.PART_FREQUENCY)).isLessThan(all.indexOf(PdfReportRenderer.PART_GOALS));
        assertThat(all.indexOf(PdfReportRenderer.PART_GOALS)).isLessThan(all.indexOf(PdfReportRenderer.PART_MEASURES));
        assertThat(all).contains("Lumbar flexion", "40", "65", "+25", "History", "Examination", "Diagnosis",
                "Hall H, Griffiths");
    }

    @Test
    void theFhirBundleIsADocumentWithACompositionAndAnObservationPerMeasure() throws Exception {
        Partners.Referral r = referralWithRecipients("kent");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());

        HttpResponse<String> response = http.toBlocking().exchange(
                auth(HttpRequest.GET("/api/v1/reports/" + reportId + "/render/fhir"), r.clinic()), String.class);
        assertThat(response.getContentType().orElseThrow().getName()).isEqualTo("application/fhir+json");
        JsonNode bundle = JSON.readTree(response.body());
        assertThat(bundle.get("resourceType").asText()).isEqualTo("Bundle");
        assertThat(bundle.get("type").asText()).isEqualTo("document");
        assertThat(bundle.get("timestamp").asText()).isNotBlank();
        JsonNode entries = bundle.get("entry");
        JsonNode composition = entries.get(0).get("resource");
        assertThat(composition.get("resourceType").asText()).isEqualTo("Composition");
        assertThat(composition.get("type").get("coding").get(0).get("code").asText()).isEqualTo("11488-4");
        assertThat(composition.get("subject").get("reference").asText()).isEqualTo("urn:uuid:" + r.patient());

        Map<String, JsonNode> byType = new HashMap<>();
        List<JsonNode> observations = new ArrayList<>();
        List<String> fullUrls = new ArrayList<>();
        for (JsonNode e : entries) {
            fullUrls.add(e.get("fullUrl").asText());
            String type = e.get("resource").get("resourceType").asText();
            byType.putIfAbsent(type, e.get("resource"));
            if (type.equals("Observation")) {
                observations.add(e.get("resource"));
            }
        }
        assertThat(byType).containsKeys("Composition", "Patient", "Practitioner", "Observation");
        assertThat(byType.get("Patient").get("birthDate").asText()).isEqualTo("1991-04-17");
        assertThat(observations).hasSize(3);
        JsonNode pain = observations.get(0);
        assertThat(pain.get("code").get("coding").get(0).get("system").asText()).isEqualTo("http://loinc.org");
        assertThat(pain.get("code").get("coding").get(0).get("code").asText()).isEqualTo("72514-3");
        assertThat(pain.get("valueQuantity").get("value").decimalValue()).isEqualByComparingTo("3");
        assertThat(pain.get("component").get(0).get("valueQuantity").get("value").decimalValue()).isEqualByComparingTo("7");
        JsonNode flexion = observations.get(1);
        assertThat(flexion.get("valueQuantity").get("code").asText()).isEqualTo("deg");
        assertThat(flexion.get("valueQuantity").get("system").asText()).isEqualTo("http://unitsofmeasure.org");
        assertThat(flexion.get("valueQuantity").get("value").decimalValue()).isEqualByComparingTo("65");
        // Every reference in the Composition resolves to an entry of the Bundle.
        List<String> refs = composition.findValuesAsText("reference");
        assertThat(fullUrls).containsAll(refs);
    }

    @Test
    void invalidContentIsRefusedNamingTheFieldAndAdviceOnAnotherProvidersTreatmentHasNoField() throws Exception {
        Partners.Referral r = referralWithRecipients("yakima");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");

        Map<String, Object> noMeasures = new HashMap<>(content());
        noMeasures.remove("measures");
        HttpClientResponseException e1 = assertThrows(HttpClientResponseException.class, () -> writeContent(r, reportId, noMeasures));
        assertThat(e1.getStatus().getCode()).isBetween(400, 422);
        assertThat(e1.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"measures\"");

        // A field inside a list is named by its path, so a form can show the message at that input.
        Map<String, Object> blankGoal = new HashMap<>(content());
        blankGoal.put("goals", List.of(Map.of("goal", " ", "anticipatedOutcome", "Sleeps through the night")));
        HttpClientResponseException e1b = assertThrows(HttpClientResponseException.class, () -> writeContent(r, reportId, blankGoal));
        assertThat(e1b.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"goals[0].goal\"");

        Map<String, Object> badCode = new HashMap<>(content());
        badCode.put("diagnosisCodes", List.of("back pain"));
        HttpClientResponseException e2 = assertThrows(HttpClientResponseException.class, () -> writeContent(r, reportId, badCode));
        assertThat(e2.getStatus().getCode()).isBetween(400, 422);
        assertThat(e2.getResponse().getBody(String.class).orElseThrow()).contains("diagnosisCodes");

        Map<String, Object> advice = new HashMap<>(content());
        advice.put("adviceOnReferrerTreatment", "Stop the NSAIDs Dr. Okafor prescribed");
        HttpClientResponseException e3 = assertThrows(HttpClientResponseException.class, () -> writeContent(r, reportId, advice));
        // Refused whole, naming the unknown member.
        assertThat(e3.getStatus().getCode()).isEqualTo(400);
        assertThat(e3.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"adviceOnReferrerTreatment\"");

        assertThat(report(r, reportId).has("content")).isFalse();
        // Sending without content is refused before anything happens.
        consent(r, r.referrerId(), today(r), null);
        HttpClientResponseException e4 = assertThrows(HttpClientResponseException.class, () -> send(r, reportId, "EMAIL"));
        assertThat(e4.getStatus().getCode()).isEqualTo(422);
        assertThat(e4.getResponse().getBody(String.class).orElseThrow()).contains("\"field\":\"content\"");

        // A consent for a patient this clinic never received is refused naming the field.
        HttpClientResponseException e5 = assertThrows(HttpClientResponseException.class, () -> post(r.clinic(), "/api/v1/consents",
                consentBody(Partners.uuid(), r.referrerId(), today(r), null)));
        assertThat(e5.getStatus().getCode()).isEqualTo(422);
        assertThat(e5.getResponse().getBody(String.class).orElseThrow()).contains("patientReference");
    }

    // ---- tenancy, listing, cadence ---------------------------------------------------------

    @Test
    void anotherClinicSeesNoneOfTheReportsConsentsOrDisclosures() throws Exception {
        Partners.Referral r = referralWithRecipients("bellevue");
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        String consentId = consent(r, r.referrerId(), today(r), null).get("id").asText();
        send(r, reportId, "PRINT");

        String other = TestClinics.unique("redmond");
        assertThat(status(() -> get(other, "/api/v1/reports/" + reportId))).isEqualTo(404);
        assertThat(get(other, "/api/v1/reports?referralId=" + r.referralId()).get("total").asInt()).isZero();
        assertThat(get(other, "/api/v1/disclosures?patient=" + r.patient()).get("total").asInt()).isZero();
        assertThat(get(other, "/api/v1/consents?patient=" + r.patient()).get("total").asInt()).isZero();
        assertThat(get(other, "/api/v1/print-queue").get("total").asInt()).isZero();
        assertThat(status(() -> post(other, "/api/v1/consents/" + consentId + "/revoke", Map.of("reason", "x")))).isEqualTo(404);
        assertThat(status(() -> http.toBlocking().retrieve(auth(HttpRequest.GET("/api/v1/reports/" + reportId + "/render/pdf"), other),
                byte[].class))).isEqualTo(404);

        // Listing filters by status and recipient, in the clinic's own data.
        assertThat(get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId() + "&status=SENT").get("total").asInt()).isEqualTo(1);
        assertThat(get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId() + "&practitionerId=" + r.pcpId())
                .get("items").get(0).get("recipientRole").asText()).isEqualTo("PRIMARY_CARE");
        assertThat(status(() -> get(r.clinic(), "/api/v1/reports?status=LOST"))).isEqualTo(400);
    }

    @Test
    void progressReportsFallDueEveryNVisitsOrWeeksPerThePartnersPreference() throws Exception {
        // The day after the sixth visit below: the report sent "today" restarts the referrer's count.
        clock.set(Instant.parse("2025-03-10T17:00:00Z"));
        Partners.Referral r = referralWithRecipients("tumwater");
        reportTo(r, "REFERRING_PRACTITIONER");
        // Referrer: every 6 visits (sample preferences). PCP: no preference, clinic default 6 visits / 4 weeks.
        for (int i = 1; i <= 6; i++) {
            Partners.send(Topics.REFERRALS, Partners.visit(r, i, "2025-03-0" + (i + 3), "145.00"));
        }
        await().atMost(WAIT).until(() -> overdue(r, "2025-03-09").size() == 2);
        List<JsonNode> atSixVisits = overdue(r, "2025-03-09");
        JsonNode referrer = atSixVisits.stream().filter(o -> o.get("practitionerId").asText().equals(r.referrerId())).findFirst().orElseThrow();
        assertThat(referrer.get("dueOn").asText()).isEqualTo("2025-03-09");
        assertThat(referrer.get("visitsSinceLastReport").asInt()).isEqualTo(6); // nothing sent yet: since care began
        assertThat(referrer.get("dueBecause").asText()).contains("visits");
        assertThat(referrer.get("openReportId").asText()).isNotBlank();
        // Before the sixth visit nothing is due yet; four weeks after the first visit the PCP's default is due.
        assertThat(overdue(r, "2025-03-08")).isEmpty();
        assertThat(overdue(r, "2025-04-03")).extracting(o -> o.get("practitionerId").asText()).contains(r.pcpId());

        // Once the report to the referrer is sent, their clock restarts.
        String reportId = reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId, content());
        consent(r, r.referrerId(), "2025-03-10", null);
        send(r, reportId, "PRINT");
        assertThat(overdue(r, "2025-03-10")).extracting(o -> o.get("practitionerId").asText())
                .doesNotContain(r.referrerId());

        // A further progress report can be queued by hand, numbered after the first.
        JsonNode next = post(r.clinic(), "/api/v1/reports", Map.of("referralId", r.referralId(), "type", "PROGRESS"));
        assertThat(next.get("type").asText()).isEqualTo("PROGRESS");
        assertThat(next.get("status").asText()).isEqualTo("DRAFT"); // the consent covers PROGRESS too
        assertThat(next.get("sequenceNumber").asInt()).isEqualTo(1);

        // Once the referral is completed, no further progress report falls due to anyone.
        Partners.send(Topics.REFERRALS, Partners.event("ReferralStatusChanged.v1", r.clinic(), r.ids(),
                Map.of("\"to\":\"ACCEPTED\"", "\"to\":\"COMPLETED\"")));
        await().atMost(WAIT).until(() -> overdue(r, "2025-04-03").isEmpty());
    }

    // ---- helpers ---------------------------------------------------------------------------

    private Partners.Referral referralWithRecipients(String city) {
        return referralWithRecipients(Partners.Referral.fresh(TestClinics.unique(city)));
    }

    private Partners.Referral referralWithRecipients(Partners.Referral r) {
        Partners.referrerKnown(r);
        Partners.pcpKnown(r);
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        awaitReports(r, 2);
        return r;
    }

    private String reportTo(Partners.Referral r, String role) {
        for (JsonNode rep : reports(r).get("items")) {
            if (rep.get("recipientRole").asText().equals(role) && !rep.get("status").asText().equals("SENT")) {
                await().atMost(WAIT).until(() -> recipientKnown(r, rep.get("practitionerId").asText()));
                return rep.get("id").asText();
            }
        }
        throw new AssertionError("no open report to " + role);
    }

    /** The directory copy is filled by another consumer: wait until the recipient renders. */
    private boolean recipientKnown(Partners.Referral r, String practitionerId) throws Exception {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM practitioner WHERE clinic_id = ? AND id = ?")) {
            ps.setString(1, r.clinic());
            ps.setString(2, practitionerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private JsonNode awaitReports(Partners.Referral r, int n) {
        await().atMost(WAIT).until(() -> reports(r).get("total").asInt() >= n);
        return reports(r);
    }

    private JsonNode reports(Partners.Referral r) {
        return get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId());
    }

    private JsonNode report(Partners.Referral r, String id) {
        return get(r.clinic(), "/api/v1/reports/" + id);
    }

    private List<JsonNode> overdue(Partners.Referral r, String asOf) {
        List<JsonNode> rows = new ArrayList<>();
        get(r.clinic(), "/api/v1/reports/overdue?asOf=" + asOf).forEach(n -> {
            if (n.get("referralId").asText().equals(r.referralId())) {
                rows.add(n);
            }
        });
        return rows;
    }

    /** The clinic's today by the service's clock: a consent from the test machine's date could start tomorrow there. */
    private String today(Partners.Referral r) {
        return calendar.today(r.clinic()).toString();
    }

    private JsonNode consent(Partners.Referral r, String recipient, String from, String to) {
        return post(r.clinic(), "/api/v1/consents", consentBody(r.patient(), recipient, from, to));
    }

    private static Map<String, Object> consentBody(String patient, String recipient, String from, String to) {
        Map<String, Object> body = new HashMap<>();
        body.put("patientReference", patient);
        body.put("practitionerId", recipient);
        body.put("scope", List.of("INITIAL", "PROGRESS", "DISCHARGE"));
        if (from != null) {
            body.put("validFrom", from);
        }
        if (to != null) {
            body.put("validTo", to);
        }
        body.put("obtainedVia", "WRITTEN_FORM");
        return body;
    }

    private JsonNode writeContent(Partners.Referral r, String reportId, Map<String, Object> content) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.PUT("/api/v1/reports/" + reportId + "/content", content),
                r.clinic()), String.class));
    }

    private JsonNode send(Partners.Referral r, String reportId, String channel) {
        Map<String, Object> body = channel == null ? Map.of() : Map.of("channel", channel);
        return post(r.clinic(), "/api/v1/reports/" + reportId + "/send", body);
    }

    private void assertNothingDisclosed(Partners.Referral r, String reportId) {
        assertThat(report(r, reportId).get("status").asText()).isNotEqualTo("SENT");
        JsonNode log = get(r.clinic(), "/api/v1/disclosures?patient=" + r.patient());
        log.path("items").forEach(d -> assertThat(d.get("reportId").asText()).isNotEqualTo(reportId));
        assertThat(KafkaProbe.records(Topics.REPORTS, rec -> reportId.equals(rec.key())
                && EventTypes.REPORT_SENT.equals(EventEnvelope.header(rec.headers(), "ce_type")))).isEmpty();
    }

    private List<ConsumerRecord<String, byte[]>> awaitEvents(String type, String referralId, int n) {
        await().atMost(WAIT).until(() -> events(type, referralId).size() >= n);
        return events(type, referralId);
    }

    private static List<ConsumerRecord<String, byte[]>> events(String type, String referralId) {
        return KafkaProbe.records(Topics.REPORTS, rec -> type.equals(EventEnvelope.header(rec.headers(), "ce_type"))
                && new String(rec.value(), StandardCharsets.UTF_8).contains(referralId));
    }

    static List<String> pagesOf(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            List<String> pages = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper();
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                stripper.setStartPage(i);
                stripper.setEndPage(i);
                pages.add(stripper.getText(doc));
            }
            return pages;
        }
    }

    private JsonNode get(String clinic, String path) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.GET(path), clinic), String.class));
    }

    private JsonNode post(String clinic, String path, Object body) {
        return json(http.toBlocking().retrieve(auth(HttpRequest.POST(path, body), clinic), String.class));
    }

    private static <T> MutableHttpRequest<T> auth(MutableHttpRequest<T> request, String clinic) {
        return request.header("Authorization", TestTokens.bearer(clinic, "clinician"));
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A report long enough to run past one page, with the four parts and their support. */
    static Map<String, Object> content() {
        Map<String, Object> c = new HashMap<>();
        c.put("treatmentPlanned", "Chiropractic adjustments of the lumbar spine and sacroiliac joints, soft-tissue work, "
                + "pelvic stabilisation exercises");
        c.put("rationale", "Pelvic girdle pain in pregnancy responds to manual therapy combined with stabilisation exercise");
        c.put("visitsPerWeek", 2);
        c.put("durationWeeks", 6);
        c.put("goals", List.of(
                Map.of("goal", "Return to full-time work without pain breaks", "anticipatedOutcome",
                        "Pain at or below 3/10 during an 8-hour shift", "targetDate", "2025-04-14"),
                Map.of("goal", "Walk 30 minutes", "anticipatedOutcome", "No increase in pelvic pain afterwards")));
        c.put("measures", List.of(
                Map.of("name", "Pain (NRS 0-10)", "key", "PAIN_NRS", "unit", "{score}", "baseline", 7, "current", 3),
                Map.of("name", "Lumbar flexion", "unit", "deg", "baseline", 40, "current", 65),
                Map.of("name", "Oswestry Disability Index", "unit", "%", "baseline", 42, "current", 24)));
        c.put("history", ("28 weeks pregnant, first pregnancy. Low back and pelvic girdle pain for six weeks, worse on "
                + "standing and stairs. No trauma. No red flags. ").repeat(30));
        c.put("examination", "Positive active straight leg raise, tender right sacroiliac joint, lumbar flexion limited. "
                .repeat(20));
        c.put("diagnosisCodes", List.of("O26.893", "M54.50"));
        c.put("diagnosisNarrative", "Pregnancy-related pelvic girdle pain with low back pain");
        c.put("references", List.of(Map.of("citation",
                "Hall H, Griffiths D, McKenna L. The use of complementary and alternative medicine by pregnant women. "
                        + "Women Birth. 2011;24(3):128-36", "url", "https://doi.org/10.1016/j.wombi.2011.03.001")));
        c.put("coverLetter", "Thank you for referring your patient to us. Our evaluation and plan of care follow; we will "
                + "keep you informed of her progress.");
        return c;
    }
}
