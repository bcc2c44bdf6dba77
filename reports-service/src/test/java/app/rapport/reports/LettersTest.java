package app.rapport.reports;

import app.rapport.platform.testing.TestClinics;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.plugin.PdfReportRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The second-opinion request and the respectful treatment inquiry: drafted on a received
 * referral, previewed as PDF and e-mail text on the clinic's letterhead, and sent to a directory
 * practitioner only under the patient's consent, logged in the disclosure log like a report.
 */
@MicronautTest(transactional = false)
class LettersTest extends ReportsServiceTest {

    private static final String PCP_MAIL = "s.lindqvist@lakeviewwomenshealth.example.com";
    private static final String CONDITION = "Pelvic girdle pain at 30 weeks, NRS 6/10 on stairs; active straight leg "
            + "raise positive on the right; sleep disturbed";
    private static final String QUESTION = "Would you consider a pelvic floor physiotherapy assessment alongside our care?";

    @Test
    void aSecondOpinionRequestIsSentOnTheLetterheadOnlyUnderConsentAndLoggedAsADisclosure() throws Exception {
        String clinic = TestClinics.unique("second-opinion");
        referrals.profile(ClinicProfiles.withLogo(ClinicProfiles.updated(clinic, 3, "America/Los_Angeles", Map.of())), 3);
        Partners.Referral r = referrals.received(clinic);
        JsonNode draft = api.post(clinic, "/api/v1/letters", secondOpinion(r));
        String id = draft.get("id").asText();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.get("patientReference").asText()).isEqualTo(r.patient());

        List<String> pages = ReportFlowTest.pagesOf(api.bytes(clinic, "/api/v1/letters/" + id + "/preview", "application/pdf"));
        String letter = String.join("\n", pages);
        assertThat(pages.get(0)).contains("Harbor Integrative Health", "1201 Third Avenue", "+12065550100",
                "+12065550101", "Request for a second opinion", "Sam Lindqvist", "Re: Elena Marsh, born April 17, 1991");
        assertThat(flat(letter)).contains("This is the patient's current condition:", flat(CONDITION), flat(QUESTION),
                flat(LetterWording.SECOND_OPINION), "Sincerely,", "Jordan Reyes, DC");
        assertThat(pages).allSatisfy(p -> assertThat(p).contains(PdfReportRenderer.CONFIDENTIAL));
        assertThat(LetterheadAndTimeZoneTest.imagesOnFirstPage(
                api.bytes(clinic, "/api/v1/letters/" + id + "/preview", "application/pdf"))).isEqualTo(1);

        String text = new String(api.bytes(clinic, "/api/v1/letters/" + id + "/preview", "text/plain"), StandardCharsets.UTF_8);
        assertThat(text).contains("Harbor Integrative Health", "Phone +12065550100", "Dear Sam Lindqvist",
                "This is the patient's current condition:", CONDITION, QUESTION, LetterWording.SECOND_OPINION,
                "Sincerely,", "Jordan Reyes, DC").doesNotContain("Elena").doesNotContain("Marsh").doesNotContain("1991");

        // No consent to disclose to this practitioner: refused as a report is, nothing sent or logged.
        assertThat(ClinicianRequests.refusal(() -> send(clinic, id, "EMAIL"))).startsWith("409")
                .contains("consent-required").contains("\"reason\":\"MISSING\"");
        assertThat(api.get(clinic, "/api/v1/disclosures?patient=" + r.patient()).get("total").asInt()).isZero();
        assertThat(mailTo(PCP_MAIL)).isEmpty();

        api.consent(clinic, r.patient(), r.pcpId(), null);
        JsonNode disclosure = send(clinic, id, "EMAIL");
        assertThat(disclosure.get("letterId").asText()).isEqualTo(id);
        assertThat(disclosure.get("letterKind").asText()).isEqualTo("SECOND_OPINION_REQUEST");
        assertThat(disclosure.get("address").asText()).isEqualTo(PCP_MAIL);

        await().atMost(ReceivedReferrals.WAIT).until(() -> mailTo(PCP_MAIL).size() == 1);
        MimeMessage mail = mailTo(PCP_MAIL).get(0);
        assertThat(mail.getSubject()).isEqualTo(LetterWording.subject(
                app.rapport.reports.domain.LetterKind.SECOND_OPINION_REQUEST)).doesNotContain("Elena");
        Multipart parts = (Multipart) mail.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString()).contains(QUESTION, "Jordan Reyes, DC")
                .doesNotContain("Elena").doesNotContain("Marsh");
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        parts.getBodyPart(1).getInputStream().transferTo(pdf);
        assertThat(ReportFlowTest.pagesOf(pdf.toByteArray()).get(0)).contains("Re: Elena Marsh", "Request for a second opinion");

        JsonNode log = api.get(clinic, "/api/v1/disclosures?patient=" + r.patient());
        assertThat(log.get("total").asInt()).isEqualTo(1);
        JsonNode row = log.get("items").get(0);
        assertThat(row.get("letterId").asText()).isEqualTo(id);
        assertThat(row.get("practitionerId").asText()).isEqualTo(r.pcpId());
        assertThat(row.get("recipientName").asText()).isEqualTo("Sam Lindqvist, MD, FACOG");
        assertThat(row.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(row.get("disclosedBy").asText()).isEqualTo("tester@" + clinic);

        JsonNode listed = api.get(clinic, "/api/v1/letters?referralId=" + r.referralId());
        assertThat(listed.get("items")).hasSize(1);
        assertThat(listed.get("items").get(0).get("status").asText()).isEqualTo("SENT");
        assertThat(listed.get("items").get(0).get("sentChannel").asText()).isEqualTo("EMAIL");
        // Sent once: a second click discloses nothing more.
        assertThat(ClinicianRequests.status(() -> send(clinic, id, "EMAIL"))).isEqualTo(409);
        assertThat(mailTo(PCP_MAIL)).hasSize(1);
    }

    @Test
    void aTreatmentInquiryAsksAndSaysTheClinicIsNotAdvisingAChange() throws Exception {
        String clinic = TestClinics.unique("inquiry");
        referrals.profile(ClinicProfiles.updated(clinic, 3, "America/Los_Angeles", Map.of()), 3);
        Partners.Referral r = referrals.received(clinic);
        Map<String, Object> body = inquiry(r);
        JsonNode draft = api.post(clinic, "/api/v1/letters", body);
        String id = draft.get("id").asText();

        String pdf = flat(String.join("\n", ReportFlowTest.pagesOf(
                api.bytes(clinic, "/api/v1/letters/" + id + "/preview", "application/pdf"))));
        assertThat(pdf).contains("A question about a treatment", "ibuprofen 400 mg three times daily",
                "Could you help me understand", flat(LetterWording.NOT_ADVISING), "Jordan Reyes, DC");
        String text = new String(api.bytes(clinic, "/api/v1/letters/" + id + "/preview", "text/plain"), StandardCharsets.UTF_8);
        assertThat(text).contains("Could you help me understand", LetterWording.NOT_ADVISING, (String) body.get("question"));

        // Advice has no field: the request is refused whole, naming the member.
        Map<String, Object> advice = new HashMap<>(body);
        advice.put("advice", "Stop the ibuprofen");
        assertThat(ClinicianRequests.refusal(() -> api.post(clinic, "/api/v1/letters", advice)))
                .startsWith("400").contains("\"field\":\"advice\"");

        // Under consent it goes to the print queue, whose PDF is the envelope page, then the letter.
        api.consent(clinic, r.patient(), r.pcpId(), null);
        assertThat(send(clinic, id, "PRINT").get("channel").asText()).isEqualTo("PRINT");
        JsonNode job = api.get(clinic, "/api/v1/print-queue").get("items").get(0);
        assertThat(job.get("letterId").asText()).isEqualTo(id);
        assertThat(job.get("recipientName").asText()).isEqualTo("Sam Lindqvist, MD, FACOG");
        assertThat(job.get("faxByHand").asBoolean()).isFalse();
        // (the print queue's PDF answers as JSON-declared today: asked for as anything, as the console does)
        List<String> printed = ReportFlowTest.pagesOf(api.bytes(clinic, "/api/v1/print-queue/" + job.get("id").asText()
                + "/pdf", "*/*"));
        assertThat(printed.get(0)).contains(PdfReportRenderer.CONFIDENTIAL, "Harbor Integrative Health", "1201 Third Avenue",
                "Sam Lindqvist, MD, FACOG", "1420 Eastlake Ave E", "Seattle, WA 98102")
                .doesNotContain("Elena").doesNotContain("Marsh");
        assertThat(printed.get(1)).contains("A question about a treatment", "Re: Elena Marsh");
        assertThat(api.get(clinic, "/api/v1/disclosures?patient=" + r.patient()).get("items").get(0)
                .get("letterKind").asText()).isEqualTo("TREATMENT_INQUIRY");
    }

    @Test
    void aRevokedConsentStopsALetterAsItStopsAReport() {
        String clinic = TestClinics.unique("revoked");
        Partners.Referral r = referrals.received(clinic);
        String id = api.post(clinic, "/api/v1/letters", secondOpinion(r)).get("id").asText();
        String consentId = api.consent(clinic, r.patient(), r.pcpId(), null).get("id").asText();
        api.post(clinic, "/api/v1/consents/" + consentId + "/revoke", Map.of("reason", "Patient asked us to stop sharing"));
        assertThat(ClinicianRequests.refusal(() -> send(clinic, id, "PRINT"))).startsWith("409")
                .contains("\"reason\":\"REVOKED\"");
        assertThat(api.get(clinic, "/api/v1/disclosures?patient=" + r.patient()).get("total").asInt()).isZero();
        assertThat(api.get(clinic, "/api/v1/letters/" + id).get("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void aLetterNamesWhatItLacksAndAnotherClinicsReferralIsNotFound() {
        String clinic = TestClinics.unique("refusals");
        Partners.Referral r = referrals.received(clinic);

        Map<String, Object> noCondition = new HashMap<>(secondOpinion(r));
        noCondition.remove("currentCondition");
        assertThat(ClinicianRequests.refusal(() -> api.post(clinic, "/api/v1/letters", noCondition)))
                .startsWith("422").contains("\"field\":\"currentCondition\"");
        Map<String, Object> noTreatment = new HashMap<>(inquiry(r));
        noTreatment.remove("treatment");
        assertThat(ClinicianRequests.refusal(() -> api.post(clinic, "/api/v1/letters", noTreatment)))
                .startsWith("422").contains("\"field\":\"treatment\"");
        Map<String, Object> noQuestion = new HashMap<>(secondOpinion(r));
        noQuestion.put("question", " ");
        assertThat(ClinicianRequests.refusal(() -> api.post(clinic, "/api/v1/letters", noQuestion)))
                .contains("\"field\":\"question\"");
        Map<String, Object> stranger = new HashMap<>(secondOpinion(r));
        stranger.put("practitionerId", Partners.uuid());
        assertThat(ClinicianRequests.refusal(() -> api.post(clinic, "/api/v1/letters", stranger)))
                .startsWith("422").contains("\"field\":\"practitionerId\"");
        assertThat(api.get(clinic, "/api/v1/letters?referralId=" + r.referralId()).get("items")).isEmpty();

        String id = api.post(clinic, "/api/v1/letters", secondOpinion(r)).get("id").asText();
        String other = TestClinics.unique("elsewhere");
        assertThat(ClinicianRequests.status(() -> api.post(other, "/api/v1/letters", secondOpinion(r)))).isEqualTo(404);
        assertThat(ClinicianRequests.status(() -> api.get(other, "/api/v1/letters?referralId=" + r.referralId()))).isEqualTo(404);
        assertThat(ClinicianRequests.status(() -> api.get(other, "/api/v1/letters/" + id))).isEqualTo(404);
        assertThat(ClinicianRequests.status(() -> api.bytes(other, "/api/v1/letters/" + id + "/preview", "application/pdf")))
                .isEqualTo(404);
        assertThat(ClinicianRequests.status(() -> send(other, id, "PRINT"))).isEqualTo(404);
    }

    private static Map<String, Object> secondOpinion(Partners.Referral r) {
        Map<String, Object> body = new HashMap<>();
        body.put("referralId", r.referralId());
        body.put("kind", "SECOND_OPINION_REQUEST");
        body.put("practitionerId", r.pcpId());
        body.put("currentCondition", CONDITION);
        body.put("question", QUESTION);
        return body;
    }

    private static Map<String, Object> inquiry(Partners.Referral r) {
        Map<String, Object> body = new HashMap<>();
        body.put("referralId", r.referralId());
        body.put("kind", "TREATMENT_INQUIRY");
        body.put("practitionerId", r.pcpId());
        body.put("treatment", "ibuprofen 400 mg three times daily");
        body.put("question", "How long do you expect her to need it, and is there anything we should watch for in our sessions?");
        return body;
    }

    private JsonNode send(String clinic, String letterId, String channel) {
        return api.post(clinic, "/api/v1/letters/" + letterId + "/send", Map.of("channel", channel));
    }

    /** PDF text wraps lines where the page ends them: compare with single spaces. */
    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
