package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import app.rapport.reports.domain.StatusUpdateSender;
import app.rapport.reports.domain.StatusUpdateWording;
import app.rapport.reports.domain.StatusUpdates;
import app.rapport.reports.plugin.PdfReportRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The referring practitioner hears back: a short update when their referral is accepted,
 * scheduled, seen for the first visit, declined (with the reason) and completed, on their channel,
 * as far as their preferences ask, with no clinical detail and no consent.
 */
@MicronautTest(transactional = false)
class StatusUpdatesTest extends ReportsServiceTest {

    private static final String REFERRER_MAIL = "m.okafor@lakeviewwomenshealth.example.com";
    private static final String DECLINE_REASON = "Outside our scope of practice; a pelvic floor physiotherapist would suit her better";

    @Inject
    StatusUpdateSender sender;

    @Override
    void configure(Map<String, String> props) {
        props.put("rapport.mail.from", "reports@harbor-integrative.example.com");
        // The tests send when they choose to: the schedule stays off.
        props.put("rapport.reports.status-updates.enabled", "false");
    }

    @Test
    void acceptedScheduledFirstVisitAndCompletedEachSendOneEmailAndOneEvent() throws Exception {
        String clinic = TestClinics.unique("status");
        referrals.profile(ClinicProfiles.updated(clinic, 3, "America/Los_Angeles", Map.of()), 3);
        Partners.Referral r = receivedFromReferrerWith(clinic, Map.of("\"channel\":\"FAX\"", "\"channel\":\"EMAIL\""));

        EventEnvelope accepted = moved(r, "ACCEPTED", null);
        applied(accepted);
        assertThat(sendAndCountMail(r)).isEqualTo(1);
        MimeMessage mail = mailsAbout(r).get(0);
        assertThat(mail.getSubject()).isEqualTo(StatusUpdateWording.TITLE);
        String body = ((Multipart) mail.getContent()).getBodyPart(0).getContent().toString();
        assertThat(body).contains("Harbor Integrative Health", "Dear Maya Okafor", "March 3, 2025",
                "We have accepted your referral", "Jordan Reyes, DC")
                .doesNotContain("Elena").doesNotContain("Marsh").doesNotContain("O26.893").doesNotContain("M54.50")
                .doesNotContain("pelvic girdle");
        String pdf = String.join("\n", ReportFlowTest.pagesOf(attachment(mail)));
        assertThat(pdf).contains("Re: Elena Marsh, born April 17, 1991", "Accepted", PdfReportRenderer.CONFIDENTIAL)
                .doesNotContain("O26.893").doesNotContain("M54.50").doesNotContain("pelvic girdle");

        JsonNode first = updates(r).get(0);
        assertThat(first.get("kind").asText()).isEqualTo("ACCEPTED");
        assertThat(first.get("status").asText()).isEqualTo("SENT");
        assertThat(first.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(first.get("sentAt").asText()).isNotBlank();
        // A stable Message-ID from the update id: a resend after a crash is the same message.
        assertThat(mail.getMessageID()).isEqualTo("<status-update-" + first.get("id").asText()
                + "@harbor-integrative.example.com>");

        // Redelivered, or replayed under a new event id: nothing twice.
        Partners.send(Topics.REFERRALS, accepted);
        EventEnvelope replay = Partners.replayed(accepted);
        Partners.send(Topics.REFERRALS, replay);
        applied(replay);
        assertThat(sendAndCountMail(r)).isEqualTo(1);

        applied(moved(r, "SCHEDULED", null));
        assertThat(sendAndCountMail(r)).isEqualTo(2);
        EventEnvelope firstVisit = Partners.visit(r, 1, "2025-03-06", "145.00");
        Partners.send(Topics.REFERRALS, firstVisit);
        applied(firstVisit);
        EventEnvelope secondVisit = Partners.visit(r, 2, "2025-03-10", "145.00");
        Partners.send(Topics.REFERRALS, secondVisit);
        applied(secondVisit);
        assertThat(sendAndCountMail(r)).isEqualTo(3);
        assertThat(lastBody(r)).contains("We saw the patient for the first visit on March 6, 2025");
        applied(moved(r, "COMPLETED", null));
        assertThat(sendAndCountMail(r)).isEqualTo(4);

        assertThat(updates(r)).as(updates(r).toString()).extracting(u -> u.get("kind").asText())
                .containsExactly("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "COMPLETED");
        assertThat(updates(r)).allSatisfy(u -> assertThat(u.get("status").asText()).isEqualTo("SENT"));
        await().atMost(ReceivedReferrals.WAIT).until(() -> sentEvents(r).size() == 4);
        List<String> kinds = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> rec : sentEvents(r)) {
            String raw = new String(rec.value(), StandardCharsets.UTF_8);
            // The contract consumers test against: referrals and contacts read exactly this shape.
            assertThat(GoldenSamples.shapeDifferences("StatusUpdateSent.v1", raw)).isEmpty();
            JsonNode payload = ClinicianRequests.json(raw);
            assertThat(rec.key()).isEqualTo(payload.get("updateId").asText());
            assertThat(payload.get("practitionerId").asText()).isEqualTo(r.referrerId());
            assertThat(payload.get("channel").asText()).isEqualTo("EMAIL");
            assertThat(payload.toString()).doesNotContain("Elena").doesNotContain(r.patient());
            kinds.add(payload.get("update").asText());
        }
        assertThat(kinds).containsExactlyInAnyOrder("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "COMPLETED");

        // Each is in the disclosure log, under its basis and no consent.
        JsonNode log = api.get(clinic, "/api/v1/disclosures?patient=" + r.patient());
        assertThat(log.get("total").asInt()).isEqualTo(4);
        for (JsonNode row : log.get("items")) {
            assertThat(row.get("statusUpdateId").asText()).isNotBlank();
            assertThat(row.get("statusUpdate").asText()).isIn("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "COMPLETED");
            assertThat(row.get("basis").asText()).isEqualTo("treatment coordination, no clinical detail");
            assertThat(row.has("consentId") && !row.get("consentId").isNull()).isFalse();
            assertThat(row.get("address").asText()).isEqualTo(REFERRER_MAIL);
        }
    }

    @Test
    void aDeclineCarriesItsReason() throws Exception {
        Partners.Referral r = receivedFromReferrerWith(TestClinics.unique("declined"),
                Map.of("\"channel\":\"FAX\"", "\"channel\":\"EMAIL\""));
        applied(moved(r, "DECLINED", DECLINE_REASON));
        assertThat(sendAndCountMail(r)).isEqualTo(1);
        assertThat(lastBody(r)).contains("We are unable to accept this referral.", "Reason: " + DECLINE_REASON);
        JsonNode update = updates(r).get(0);
        assertThat(update.get("kind").asText()).isEqualTo("DECLINED");
        assertThat(update.get("reason").asText()).isEqualTo(DECLINE_REASON);
    }

    @Test
    void aReferrerWhoAskedForNoUpdatesHearsNothingAndOneWhoAskedOnlyForDeclinesHearsOnlyThat() throws Exception {
        Partners.Referral none = receivedFromReferrerWith(TestClinics.unique("no-updates"), Map.of(
                "\"channel\":\"FAX\"", "\"channel\":\"EMAIL\"", statusUpdatesOfSample(), "\"statusUpdates\":[]"));
        applied(moved(none, "ACCEPTED", null));
        applied(moved(none, "COMPLETED", null));
        assertThat(sendAndCountMail(none)).isZero();
        assertThat(updates(none)).isEmpty();

        Partners.Referral declinesOnly = receivedFromReferrerWith(TestClinics.unique("declines-only"), Map.of(
                "\"channel\":\"FAX\"", "\"channel\":\"EMAIL\"", statusUpdatesOfSample(), "\"statusUpdates\":[\"DECLINED\"]"));
        applied(moved(declinesOnly, "ACCEPTED", null));
        applied(moved(declinesOnly, "DECLINED", DECLINE_REASON));
        assertThat(sendAndCountMail(declinesOnly)).isEqualTo(1);
        assertThat(updates(declinesOnly)).extracting(u -> u.get("kind").asText()).containsExactly("DECLINED");
    }

    @Test
    void aSentReferralSendsNothingAndAnotherClinicCannotListAReferralsUpdates() throws Exception {
        String clinic = TestClinics.unique("sent-direction");
        Map<String, String> ids = Map.of("5abf9720-3b6c-4cec-a511-6869c703f703", Partners.uuid(),
                "cc7cca8f-a006-477b-ac48-4f22db6f65e6", Partners.uuid());
        String referralId = ids.get("5abf9720-3b6c-4cec-a511-6869c703f703");
        Partners.send(Topics.REFERRALS, Partners.event("ReferralSent.v1", clinic, ids, Map.of()));
        EventEnvelope declined = Partners.event("ReferralStatusChanged.v1", clinic,
                Map.of(Partners.SAMPLE_REFERRAL, referralId), Map.of("\"direction\":\"RECEIVED\"", "\"direction\":\"SENT\"",
                        "\"from\":\"RECEIVED\"", "\"from\":\"SENT\"", "\"to\":\"ACCEPTED\"", "\"to\":\"DECLINED\""));
        Partners.send(Topics.REFERRALS, declined);
        applied(declined);
        sender.sendPending();
        assertThat(api.get(clinic, "/api/v1/status-updates?referralId=" + referralId).get("total").asInt()).isZero();

        Partners.Referral r = receivedFromReferrerWith(TestClinics.unique("own-clinic"), Map.of());
        applied(moved(r, "ACCEPTED", null));
        assertThat(updates(r)).hasSize(1);
        String other = TestClinics.unique("other-clinic");
        assertThat(ClinicianRequests.status(() -> api.get(other, "/api/v1/status-updates?referralId=" + r.referralId())))
                .isEqualTo(404);
        // Staff read them as they read reports; the referral is required.
        assertThat(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/status-updates?referralId=" + r.referralId())
                .header("Authorization", TestTokens.bearer(r.clinic(), "staff")), String.class)).contains("ACCEPTED");
        assertThat(ClinicianRequests.refusal(() -> api.get(r.clinic(), "/api/v1/status-updates")))
                .startsWith("422").contains("\"field\":\"referralId\"");
    }

    @Test
    void aFaxPreferenceWithoutAGatewayPutsTheUpdateInThePrintQueueBehindTheEnvelopeAndCoverSheet() throws Exception {
        Partners.Referral r = receivedFromReferrerWith(TestClinics.unique("status-fax"), Map.of());
        applied(moved(r, "SCHEDULED", null));
        sender.sendPending();
        JsonNode update = updates(r).get(0);
        assertThat(update.get("status").asText()).isEqualTo("SENT");
        assertThat(update.get("channel").asText()).isEqualTo("PRINT");
        JsonNode job = api.get(r.clinic(), "/api/v1/print-queue").get("items").get(0);
        assertThat(job.get("statusUpdateId").asText()).isEqualTo(update.get("id").asText());
        assertThat(job.get("faxByHand").asBoolean()).isTrue();
        List<String> pages = ReportFlowTest.pagesOf(api.bytes(r.clinic(),
                "/api/v1/print-queue/" + job.get("id").asText() + "/pdf", "*/*"));
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0)).contains(PdfReportRenderer.CONFIDENTIAL, "1420 Eastlake Ave E");
        assertThat(pages.get(1)).contains("Fax number: +12065550144");
        assertThat(pages.get(2)).contains("First visit scheduled", "Re: Elena Marsh");
    }

    @Test
    void anUpdateThatCannotBeDeliveredIsTriedABoundedNumberOfTimesThenFailed() throws Exception {
        // The referrer never reached the directory copy: nobody to address it to.
        Partners.Referral r = Partners.Referral.fresh(TestClinics.unique("unknown-referrer"));
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        await().atMost(ReceivedReferrals.WAIT).until(() ->
                api.get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId()).get("total").asInt() == 2);
        applied(moved(r, "ACCEPTED", null));
        for (int i = 0; i < StatusUpdates.MAX_ATTEMPTS - 1; i++) {
            sender.sendPending();
            assertThat(updates(r).get(0).get("status").asText()).isEqualTo("PENDING");
        }
        sender.sendPending();
        JsonNode update = updates(r).get(0);
        assertThat(update.get("status").asText()).isEqualTo("FAILED");
        assertThat(update.get("attempts").asInt()).isEqualTo(StatusUpdates.MAX_ATTEMPTS);
        assertThat(update.get("lastError").asText()).contains("directory");
        sender.sendPending();
        assertThat(updates(r).get(0).get("attempts").asInt()).isEqualTo(StatusUpdates.MAX_ATTEMPTS);
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static String statusUpdatesOfSample() {
        return "\"statusUpdates\":[\"ACCEPTED\",\"SCHEDULED\",\"FIRST_VISIT\",\"DECLINED\",\"COMPLETED\"]";
    }

    /** The referrer known (the sample changed by {@code snapshotChanges}) before their referral is received. */
    private Partners.Referral receivedFromReferrerWith(String clinic, Map<String, String> snapshotChanges) throws Exception {
        Partners.Referral r = Partners.Referral.fresh(clinic);
        EventEnvelope snapshot = Partners.event("PractitionerUpdated.v1", clinic, r.ids(), snapshotChanges);
        snapshotChanges.values().forEach(v -> assertThat(snapshot.payload()).contains(v));
        Partners.send(Topics.PRACTITIONERS, snapshot);
        await().atMost(ReceivedReferrals.WAIT).until(() -> referrals.exists(
                "SELECT 1 FROM practitioner WHERE clinic_id = ? AND id = ?", clinic, r.referrerId()));
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        await().atMost(ReceivedReferrals.WAIT).until(() -> referrals.exists(
                "SELECT 1 FROM referral WHERE clinic_id = ? AND id = ?", clinic, r.referralId()));
        // PatientReferred comes on its own topic through another consumer: the update names the patient
        await().atMost(ReceivedReferrals.WAIT).until(() -> referrals.exists(
                "SELECT 1 FROM referral_patient WHERE clinic_id = ? AND referral_id = ? AND birth_date IS NOT NULL",
                clinic, r.referralId()));
        return r;
    }

    /** ReferralStatusChanged of the received referral to {@code to}, sent. */
    private EventEnvelope moved(Partners.Referral r, String to, String reason) {
        Map<String, String> changes = new HashMap<>();
        changes.put("\"to\":\"ACCEPTED\"", "\"to\":\"" + to + "\"");
        if (reason != null) {
            changes.put("Within scope; first visit offered for Thursday", reason);
        }
        EventEnvelope e = Partners.event("ReferralStatusChanged.v1", r.clinic(), r.ids(), changes);
        Partners.send(Topics.REFERRALS, e);
        return e;
    }

    /** Waits until the referrals consumer applied (or passed over) {@code event}. */
    private void applied(EventEnvelope event) {
        await().atMost(ReceivedReferrals.WAIT).until(() -> referrals.exists(
                "SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?", "reports-service.referrals",
                event.id()));
    }

    /** Runs the sender as the schedule would; how many e-mails the referrer has had about {@code r} so far. */
    private int sendAndCountMail(Partners.Referral r) throws Exception {
        sender.sendPending();
        return mailsAbout(r).size();
    }

    /** The referrer's e-mails about {@code r}'s updates (each Message-ID names its update), oldest first. */
    private List<MimeMessage> mailsAbout(Partners.Referral r) throws Exception {
        List<String> ids = updates(r).stream().map(u -> u.get("id").asText()).toList();
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : mailTo(REFERRER_MAIL)) {
            String messageId = m.getMessageID();
            if (ids.stream().anyMatch(messageId::contains)) {
                out.add(m);
            }
        }
        return out;
    }

    private String lastBody(Partners.Referral r) throws Exception {
        List<MimeMessage> all = mailsAbout(r);
        return ((Multipart) all.get(all.size() - 1).getContent()).getBodyPart(0).getContent().toString();
    }

    private List<JsonNode> updates(Partners.Referral r) {
        List<JsonNode> out = new ArrayList<>();
        api.get(r.clinic(), "/api/v1/status-updates?referralId=" + r.referralId()).get("items").forEach(out::add);
        return out;
    }

    private static List<ConsumerRecord<String, byte[]>> sentEvents(Partners.Referral r) {
        return KafkaProbe.records(Topics.REPORTS, rec -> EventTypes.STATUS_UPDATE_SENT.equals(
                EventEnvelope.header(rec.headers(), "ce_type"))
                && new String(rec.value(), StandardCharsets.UTF_8).contains(r.referralId()));
    }

    private static byte[] attachment(MimeMessage mail) throws Exception {
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ((Multipart) mail.getContent()).getBodyPart(1).getInputStream().transferTo(pdf);
        return pdf.toByteArray();
    }
}
