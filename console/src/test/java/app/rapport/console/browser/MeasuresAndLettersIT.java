package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static app.rapport.console.browser.ReferralToThankYouIT.button;
import static app.rapport.console.browser.ReferralToThankYouIT.field;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a clinician does on a received referral besides the report: objective measures taken at
 * the visits, a letter to another provider sent only under the patient's consent to that
 * provider, and the cover letter that goes with the referral packet to a partner.
 */
@ConsoleTest
class MeasuresAndLettersIT {

    @Test
    void measuresRecordedAtVisitsShowFromBaselineToLatestAndAnOutOfRangeValueIsRefusedAtItsField(
            ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("measures"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        String referral = clinic.receiveReferral(okafor);
        clinic.awaitQueuedReport(referral); // reports-service knows the referral

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        page.navigate(stack.consoleUrl("/referrals/" + referral));
        page.getByTestId("measures-link").click();
        assertThat(page.getByTestId("no-measures")).isVisible();

        String visitDay = clinic.referrals().get("/api/v1/referrals/" + referral, clinic.token()).text("referredOn");
        field(page, "measure").selectOption("PAIN_NRS");
        field(page, "value").fill("12");
        field(page, "measuredOn").fill(visitDay);
        button(page, "Record measure").click();
        assertThat(page.locator("[data-field-error=value]")).containsText("10");
        assertThat(field(page, "value")).hasValue("12");
        assertThat(field(page, "measure")).hasValue("PAIN_NRS");
        assertThat(measurements(clinic, referral)).isEmpty();

        field(page, "value").fill("7");
        field(page, "visitNumber").fill("1");
        button(page, "Record measure").click();
        assertThat(page.locator("#notice")).containsText("Measure recorded");
        field(page, "measure").selectOption("PAIN_NRS");
        field(page, "value").fill("4");
        field(page, "measuredOn").fill(visitDay);
        field(page, "visitNumber").fill("2");
        field(page, "measuredBy").fill("Sam Ortiz, DPT");
        button(page, "Record measure").click();
        assertThat(page.locator("#notice")).containsText("Measure recorded");

        Locator pain = page.locator("[data-measure=PAIN_NRS]");
        assertThat(pain.getByTestId("reading")).hasCount(2);
        assertThat(pain.getByTestId("latest")).hasText("4");
        assertThat(pain.getByTestId("change")).hasText("−3");
        assertThat(pain.getByTestId("reading").nth(1)).containsText("Sam Ortiz, DPT");
        assertThat(pain.getByTestId("reading").nth(0)).containsText("drlee");
        List<JsonNode> taken = measurements(clinic, referral);
        assertThat(taken).extracting(m -> m.get("value").decimalValue().intValue()).containsExactly(7, 4);
        Screenshots.save(page, "referral-measures");

        // One typed by mistake is removed; the latest is the baseline again.
        pain.getByTestId("reading").nth(1).getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        assertThat(page.locator("#notice")).containsText("Measurement removed");
        assertThat(pain.getByTestId("reading")).hasCount(1);
        assertThat(pain.getByTestId("latest")).hasText("7");
        assertThat(measurements(clinic, referral)).hasSize(1);

        // On a phone the table and the form stay within the screen.
        Screenshots.usePhoneWidth(page);
        page.reload();
        Screenshots.assertFitsTheScreen(page, "the measures page");
        Screenshots.save(page, "referral-measures-phone");
    }

    @Test
    void aSecondOpinionRequestIsReadAsPdfAndGoesOutOnlyUnderThePatientsConsentToItsRecipient(
            ConsoleStack stack, Page page) throws IOException {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("letters"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        ClinicData.Partner reyes = clinic.registerPartner("Daniel", "Reyes", "PRIMARY_CARE", "EMAIL");
        String referral = clinic.receiveReferral(okafor);
        clinic.awaitQueuedReport(referral);
        awaitKnownToReports(clinic, referral, reyes);

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        page.navigate(stack.consoleUrl("/referrals/" + referral));
        page.getByTestId("letters-link").click();
        assertThat(page.getByTestId("no-letters")).isVisible();
        assertThat(page.getByLabel("Second-opinion request")).isChecked();

        // The question is what the letter asks: without it nothing is drafted, and nothing typed is lost.
        field(page, "practitionerId").selectOption(reyes.id());
        field(page, "currentCondition").fill("Pelvic girdle pain at 28 weeks, worse on stairs; no relief after six visits");
        button(page, "Draft letter").click();
        assertThat(page.locator("[data-field-error=question]")).isVisible();
        assertThat(field(page, "currentCondition")).hasValue("Pelvic girdle pain at 28 weeks, worse on stairs; no relief after six visits");
        field(page, "question").fill("Would you see her for a second opinion on pain management during pregnancy?");
        button(page, "Draft letter").click();
        assertThat(page.locator("#notice")).containsText("Letter drafted");
        Locator letter = page.getByTestId("letter");
        assertThat(letter).hasCount(1);
        assertThat(letter.getByTestId("letter-status")).hasText("Draft");
        assertThat(letter).containsText("Reyes");

        APIResponse pdf = page.request().get(stack.consoleUrl(letter.getByTestId("letter-preview").getAttribute("href")),
                RequestOptions.create().setHeader("Cookie", ConsoleStack.cookieHeader(page.context())));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        assertThat(text(pdf.body())).contains("Elena Marsh").contains("no relief after six visits")
                .contains("I would appreciate working with you");

        // No consent to disclose to Dr Reyes: refused with the reason, nothing sent, nothing logged.
        button(page, "Send letter").click();
        Locator refusal = page.getByTestId("send-refusal");
        assertThat(refusal).hasAttribute("data-reason", "MISSING");
        assertThat(refusal.getByTestId("what-to-do")).containsText("Daniel Reyes");
        assertThat(letter.getByTestId("letter-status")).hasText("Draft");
        assertThat(stack.mail().receivedFor(reyes.email())).isEmpty();
        Screenshots.save(page, "letter-send-refused");

        page.getByLabel("How it was obtained").selectOption("WRITTEN_FORM");
        button(page, "Record consent").click();
        assertThat(page.locator("#notice")).containsText("Consent recorded");
        button(page, "Send letter").click();
        assertThat(page.locator("#notice")).containsText("Letter sent by email to " + reyes.email());
        assertThat(letter.getByTestId("letter-status")).hasText("Sent");
        assertThat(page.getByTestId("letter-send-form")).hasCount(0);

        stack.mail().awaitMailTo(reyes.email(), Duration.ofSeconds(30));
        List<byte[]> attachments = stack.mail().attachmentsFor(reyes.email(), "application/pdf");
        assertThat(attachments).hasSize(1);
        assertThat(text(attachments.get(0))).contains("no relief after six visits");
        assertThat(stack.mail().receivedFor(okafor.email())).as("the referrer got no copy").isEmpty();
        String patient = clinic.reports().get("/api/v1/letters/" + letter.getAttribute("data-letter-id"), clinic.token())
                .text("patientReference");
        JsonNode logged = clinic.reports().get("/api/v1/disclosures?patient=" + patient, clinic.token()).json();
        assertThat(logged.get("total").asInt()).isEqualTo(1);
        assertThat(logged.get("items").get(0).get("letterKind").asText()).isEqualTo("SECOND_OPINION_REQUEST");

        Screenshots.usePhoneWidth(page);
        page.reload();
        Screenshots.assertFitsTheScreen(page, "the letters page");
        Screenshots.save(page, "referral-letters-phone");
    }

    @Test
    void thePartnersPageGivesTheCoverLetterForThePacketSignedByWhoeverTheFormNames(ConsoleStack stack, Page page)
            throws IOException {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("cover-letter"));
        ServiceApi.Answer profile = clinic.contacts().put("/api/v1/clinic-profile", clinic.token(), Map.of(
                "clinicName", "Harbor Integrative Care",
                "servicesOffered", List.of("Prenatal chiropractic care"),
                "locations", List.of(Map.of("name", "Downtown", "address", Map.of("line1", "1501 4th Ave",
                        "city", "Seattle", "region", "WA", "postalCode", "98101", "country", "US"))),
                "howToRefer", "Fax the referral form to (206) 555-0101"));
        assertThat(profile.status()).as("profile: %s", profile).isEqualTo(200);
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        page.navigate(stack.consoleUrl("/partners/" + okafor.id()));
        Locator form = page.getByTestId("cover-letter-form");
        form.getByLabel("Signed by").fill("Dana Lee");
        form.getByLabel("Credentials").fill("DC");
        Page opened = page.context().waitForPage(() -> button(page, "Open the cover letter (PDF)").click());
        opened.waitForLoadState();
        assertThat(opened.url()).contains("/partners/" + okafor.id() + "/cover-letter.pdf").contains("signerName=Dana+Lee");

        APIResponse pdf = page.request().get(opened.url(),
                RequestOptions.create().setHeader("Cookie", ConsoleStack.cookieHeader(page.context())));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        assertThat(text(pdf.body())).contains("Harbor Integrative Care").contains("Okafor").contains("Dana Lee, DC");
    }

    /**
     * Waits until reports-service's copy of the directory has the partner, writing nothing: an
     * inquiry without its treatment is refused for the recipient while it is unknown, and for the
     * missing treatment once it is known.
     */
    private static void awaitKnownToReports(ClinicData clinic, String referral, ClinicData.Partner partner) {
        org.awaitility.Awaitility.await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(200)).until(() ->
                "treatment".equals(clinic.reports().post("/api/v1/letters", clinic.token(), Map.of("referralId", referral,
                        "kind", "TREATMENT_INQUIRY", "practitionerId", partner.id(), "question", "Known yet?"))
                        .json().path("errors").path(0).path("field").asText()));
    }

    private static List<JsonNode> measurements(ClinicData clinic, String referral) {
        List<JsonNode> out = new java.util.ArrayList<>();
        clinic.reports().get("/api/v1/measurements?referralId=" + referral, clinic.token()).json().get("items").forEach(out::add);
        return out;
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
