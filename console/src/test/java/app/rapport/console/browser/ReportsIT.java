package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static app.rapport.console.browser.ReferralToThankYouIT.button;
import static app.rapport.console.browser.ReferralToThankYouIT.field;
import static app.rapport.console.browser.ReferralToThankYouIT.nav;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress report back to the referring physician, as a clinician does it in the console:
 * the patient's consent recorded, the four parts written, the PDF previewed and sent on the
 * partner's channel, and the disclosure logged; and, without a consent, a send that is refused
 * with the reason and what to do, and nothing sent or logged.
 */
@ConsoleTest
class ReportsIT {

    private static final String CONFIDENTIAL = "Patient Records: Confidential";

    @Test
    void aConsentRecordedInTheConsoleMakesTheReportADraftAndSendingItMailsTheConfidentialPdfAndLogsTheDisclosure(
            ConsoleStack stack, Page page) throws IOException {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("reports-send"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        String referral = clinic.receiveReferral(okafor);
        String reportId = clinic.awaitQueuedReport(referral).path("id").asText();

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        nav(page, "Reports").click();
        Locator waiting = page.getByTestId("waiting").getByTestId("report-row");
        assertThat(waiting).hasCount(1);
        assertThat(waiting).hasAttribute("data-report-id", reportId);
        assertThat(waiting).containsText("Elena Marsh");
        assertThat(waiting).containsText("Grace Okafor, MD");
        assertThat(page.getByTestId("drafts-empty")).isVisible();
        Screenshots.save(page, "reports-queue");

        waiting.getByRole(AriaRole.LINK).click();
        assertThat(page.getByTestId("report-status")).hasText("Awaiting consent");
        assertThat(page.getByTestId("patient-name")).hasText("Elena Marsh");
        assertThat(page.getByTestId("no-consent")).isVisible();
        assertThat(page.getByTestId("preferred-channel")).hasText("Email");

        // The consent: the report's own type is preselected; no start day, so reports-service takes
        // today in the clinic's time zone (the console's own date may be another day); obtained in writing.
        assertThat(page.getByLabel("Initial")).isChecked();
        assertThat(page.getByLabel("Valid from")).hasValue("");
        page.getByLabel("How it was obtained").selectOption("WRITTEN_FORM");
        button(page, "Record consent").click();
        assertThat(page.locator("#notice")).containsText("Consent recorded");
        assertThat(page.getByTestId("report-status")).hasText("Draft");
        assertThat(page.getByTestId("consent")).hasCount(1);
        assertThat(page.getByTestId("consent-standing")).hasText("Valid");
        assertThat(page.getByTestId("consent")).containsText("from " + dayOf(clinicToday()));
        assertThat(page.getByTestId("consent")).containsText("written form");
        assertThat(clinic.reports().get("/api/v1/reports/" + reportId, clinic.token()).text("status")).isEqualTo("DRAFT");

        // The four parts, with history, examination, diagnosis and a reference.
        field(page, "treatmentPlanned").fill("Pelvic stabilisation exercises, soft-tissue work and acupuncture for low back pain");
        field(page, "rationale").fill("Pelvic girdle pain in pregnancy responds to stabilisation and manual therapy");
        field(page, "visitsPerWeek").fill("2");
        field(page, "durationWeeks").fill("6");
        field(page, "goals[0].goal").fill("Walk 30 minutes without pelvic pain");
        field(page, "goals[0].anticipatedOutcome").fill("Pain no higher than 2/10 after walking");
        field(page, "goals[1].goal").fill("Sleep through the night");
        field(page, "goals[1].anticipatedOutcome").fill("No waking from hip pain");
        field(page, "measures[0].name").fill("Pain (NRS 0-10)");
        field(page, "measures[0].unit").fill("{score}");
        field(page, "measures[0].baseline").fill("7");
        field(page, "measures[0].current").fill("4");
        field(page, "measures[0].loinc").fill("72514-3");
        field(page, "measures[0].baselineOn").fill("2026-10-01");
        field(page, "measures[0].measuredOn").fill("2026-11-28");
        field(page, "measures[1].name").fill("Oswestry Disability Index");
        field(page, "measures[1].unit").fill("%");
        field(page, "measures[1].baseline").fill("42");
        field(page, "measures[1].current").fill("28");
        field(page, "history").fill("G2P1 at 28 weeks; low back and pelvic girdle pain for six weeks, worse on stairs");
        field(page, "examination").fill("Positive active straight-leg raise on the right; tender sacroiliac joint");
        field(page, "diagnosisCodes").fill("O26.893, M54.50");
        field(page, "references[0].citation").fill("Gutke A et al. Treatments for pregnancy-related lumbopelvic pain. Spine 2015.");
        field(page, "references[0].url").fill("https://doi.org/10.1097/BRS.0000000000000763");
        field(page, "coverLetter").fill("Thank you for referring Ms Marsh. Here is our plan and her progress so far.");
        button(page, "Save report").click();
        assertThat(page.locator("#notice")).containsText("Report saved");
        assertThat(field(page, "measures[1].current")).hasValue("28");
        assertThat(field(page, "diagnosisCodes")).hasValue("O26.893, M54.50");
        assertThat(field(page, "measures[0].measuredOn")).hasValue("2026-11-28");
        ServiceApi.Answer saved = clinic.reports().get("/api/v1/reports/" + reportId, clinic.token());
        assertThat(saved.text("/content/measures/0/baselineOn")).isEqualTo("2026-10-01");
        assertThat(saved.text("/content/references/0/url")).isEqualTo("https://doi.org/10.1097/BRS.0000000000000763");
        // Each row is a group of its own, so a screen reader tells "Goal 2" from "Goal 1".
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Goal 2"))
                .getByLabel("Anticipated outcome")).hasValue("No waking from hip pain");
        assertThat(page.getByTestId("preview-link")).isVisible();
        Screenshots.useDesktopWidth(page);
        Screenshots.save(page, "report-composer");

        // The preview is the PDF itself, stamped on every page.
        String preview = page.getByTestId("preview-link").getAttribute("href");
        APIResponse pdf = page.request().get(stack.consoleUrl(preview),
                RequestOptions.create().setHeader("Cookie", ConsoleStack.cookieHeader(page.context())));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).startsWith("application/pdf");
        assertThat(pdf.headers().get("content-disposition")).startsWith("inline");
        assertEveryPageConfidential(pdf.body());
        assertThat(stack.mail().receivedFor(okafor.email())).isEmpty();

        // Sent on the partner's channel: e-mail, preselected.
        assertThat(page.getByLabel("Send by")).hasValue("EMAIL");
        button(page, "Send report").click();
        assertThat(page.locator("#notice")).containsText("Report sent by email to " + okafor.email());
        assertThat(page.getByTestId("report-status")).hasText("Sent");
        assertThat(page.getByTestId("sent-note")).isVisible();

        MailServer.Mail mail = stack.mail().awaitMailTo(okafor.email(), Duration.ofSeconds(30));
        assertThat(mail.subject()).contains(CONFIDENTIAL);
        assertThat(mail.subject() + mail.text()).as("the e-mail itself names no patient").doesNotContain("Marsh");
        List<byte[]> attachments = stack.mail().attachmentsFor(okafor.email(), "application/pdf");
        assertThat(attachments).hasSize(1);
        String text = assertEveryPageConfidential(attachments.get(0));
        assertThat(text).contains("Elena Marsh").contains("Walk 30 minutes without pelvic pain").contains("O26.893");

        // The disclosure log: one line, who sent what to whom, when, under which consent.
        page.getByTestId("disclosures-link").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Disclosure log of Elena Marsh");
        Locator line = page.getByTestId("disclosure");
        assertThat(line).hasCount(1);
        assertThat(line).containsText("Initial report");
        assertThat(line.getByTestId("recipient")).containsText("Okafor");
        assertThat(line.getByTestId("channel")).hasText("Email to " + okafor.email());
        assertThat(line.getByTestId("consent")).containsText("Written form, from " + dayOf(clinicToday()));
        assertThat(line).containsText("drlee");
        Screenshots.save(page, "disclosure-log");
        String patient = clinic.reports().get("/api/v1/reports/" + reportId, clinic.token()).text("patientReference");
        JsonNode logged = clinic.reports().get("/api/v1/disclosures?patient=" + patient, clinic.token()).json();
        assertThat(logged.get("total").asInt()).isEqualTo(1);
        assertThat(logged.get("items").get(0).get("reportId").asText()).isEqualTo(reportId);

        // Printable and usable on a phone: the log's table scrolls inside its box, the page does not widen.
        Screenshots.usePhoneWidth(page);
        page.reload();
        assertThat(line).hasCount(1);
        Screenshots.assertFitsTheScreen(page, "the disclosure log");
        Screenshots.save(page, "disclosure-log-phone");
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.PRINT));
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))).isHidden();
        assertThat(line).isVisible();

        // Sent, the report has left the queue.
        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(com.microsoft.playwright.options.Media.SCREEN));
        nav(page, "Reports").click();
        assertThat(page.getByTestId("waiting-empty")).isVisible();
        assertThat(page.getByTestId("drafts-empty")).isVisible();
    }

    @Test
    void aSendWithoutConsentSaysWhyAndWhatToDoAndSendsNothing(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("reports-refused"));
        ClinicData.Partner reyes = clinic.registerPartner("Ana", "Reyes", "OB_GYN", "EMAIL");
        String referral = clinic.receiveReferral(reyes);
        JsonNode report = clinic.awaitQueuedReport(referral);
        String reportId = report.path("id").asText();
        String patient = report.path("patientReference").asText();
        ServiceApi.Answer written = clinic.reports().put("/api/v1/reports/" + reportId + "/content", clinic.token(), content());
        assertThat(written.status()).as("report content: %s", written).isEqualTo(200);

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        page.navigate(stack.consoleUrl("/reports/" + reportId));
        assertThat(page.getByTestId("report-status")).hasText("Awaiting consent");
        button(page, "Send report").click();

        Locator refusal = page.getByTestId("send-refusal");
        assertThat(refusal).containsText("Not sent: No consent to disclose to this recipient is on file");
        assertThat(refusal).hasAttribute("data-reason", "MISSING");
        assertThat(refusal.getByTestId("what-to-do")).containsText("Ask the patient for their consent");
        assertThat(page.getByTestId("report-status")).hasText("Awaiting consent");
        Screenshots.save(page, "report-send-refused");
        assertNothingSent(stack, clinic, reyes, reportId, patient);

        // A consent recorded and then revoked: the send is refused again, for that reason.
        page.getByLabel("How it was obtained").selectOption("VERBAL_DOCUMENTED");
        button(page, "Record consent").click();
        assertThat(page.getByTestId("report-status")).hasText("Draft");
        page.getByText("Revoke this consent").click();
        page.getByLabel("Why the patient revoked it").fill("Patient asked us to stop sharing her records");
        button(page, "Revoke consent").click();
        assertThat(page.locator("#notice")).containsText("Consent revoked");
        assertThat(page.getByTestId("report-status")).hasText("Awaiting consent");
        assertThat(page.getByTestId("consent")).containsText("Revoked");
        assertThat(page.getByTestId("consent")).containsText("stop sharing her records");
        button(page, "Send report").click();
        assertThat(refusal).containsText("The patient revoked the consent");
        assertThat(refusal).hasAttribute("data-reason", "REVOKED");
        assertThat(refusal.getByTestId("what-to-do")).containsText("do not send");
        assertNothingSent(stack, clinic, reyes, reportId, patient);

        // A consent that ended yesterday: shown as expired, and the send refused for that reason.
        ServiceApi.Answer ended = clinic.reports().post("/api/v1/consents", clinic.token(), Map.of(
                "patientReference", patient, "practitionerId", reyes.id(), "scope", List.of("INITIAL"),
                "validFrom", clinicToday().minusDays(30).toString(), "validTo", clinicToday().minusDays(1).toString(),
                "obtainedVia", "WRITTEN_FORM"));
        assertThat(ended.status()).as("expired consent: %s", ended).isEqualTo(201);
        page.navigate(stack.consoleUrl("/reports/" + reportId));
        assertThat(page.getByTestId("consent-standing")).containsText(new String[]{"Expired on " + dayOf(clinicToday()), "Revoked"});
        button(page, "Send report").click();
        assertThat(refusal).hasAttribute("data-reason", "EXPIRED");
        assertThat(refusal).containsText("expired");
        assertThat(refusal.getByTestId("what-to-do")).containsText("renew their consent");
        assertNothingSent(stack, clinic, reyes, reportId, patient);

        // On a phone the composer stays within the screen.
        Screenshots.usePhoneWidth(page);
        page.navigate(stack.consoleUrl("/reports/" + reportId));
        Screenshots.assertFitsTheScreen(page, "the report page");
        Screenshots.save(page, "report-phone");

        page.getByTestId("disclosures-link").click();
        assertThat(page.getByTestId("disclosures-empty")).hasText("Nothing about this patient has been disclosed.");
    }

    /** reports-service's role matrix, relayed: staff record consents; writing and sending a report is a clinician's. */
    @Test
    void theFrontDeskRecordsTheConsentButOnlyAClinicianWritesAndSendsTheReport(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("reports-roles"));
        ClinicData.Partner hollis = clinic.registerPartner("June", "Hollis", "OB_GYN", "EMAIL");
        JsonNode report = clinic.awaitQueuedReport(clinic.receiveReferral(hollis));
        String reportId = report.path("id").asText();
        // Written by a clinician already; the front desk opens it.
        assertThat(clinic.reports().put("/api/v1/reports/" + reportId + "/content", clinic.token(), content()).status())
                .isEqualTo(200);

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/reports/" + reportId));
        page.getByLabel("How it was obtained").selectOption("PATIENT_PORTAL");
        button(page, "Record consent").click();
        assertThat(page.getByTestId("report-status")).hasText("Draft");

        field(page, "treatmentPlanned").fill("Acupuncture twice a week");
        button(page, "Save report").click();
        assertThat(page.getByTestId("composer").locator("#form-message")).containsText("Your role does not allow this.");
        assertThat(field(page, "treatmentPlanned")).hasValue("Acupuncture twice a week");
        assertThat(clinic.reports().get("/api/v1/reports/" + reportId, clinic.token()).text("/content/treatmentPlanned"))
                .isEqualTo("Spinal manipulation and home exercise");

        button(page, "Send report").click();
        assertThat(page.getByTestId("send-form").locator("#form-message")).containsText("Your role does not allow this.");
        assertNothingSent(stack, clinic, hollis, reportId, report.path("patientReference").asText());
    }

    private static void assertNothingSent(ConsoleStack stack, ClinicData clinic, ClinicData.Partner partner, String reportId, String patient) {
        assertThat(clinic.reports().get("/api/v1/reports/" + reportId, clinic.token()).text("status")).isNotEqualTo("SENT");
        assertThat(clinic.reports().get("/api/v1/disclosures?patient=" + patient, clinic.token()).json().get("total").asInt())
                .isZero();
        assertThat(stack.mail().receivedFor(partner.email())).isEmpty();
    }

    /** Every page's own text carries the stamp; returns the whole text. */
    private static String assertEveryPageConfidential(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).as("cover letter and report").isGreaterThanOrEqualTo(2);
            PDFTextStripper stripper = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                stripper.setStartPage(p);
                stripper.setEndPage(p);
                assertThat(stripper.getText(doc)).as("page %d of %d", p, doc.getNumberOfPages()).contains(CONFIDENTIAL);
            }
            return new PDFTextStripper().getText(doc);
        }
    }

    /**
     * Today where the test clinics are: reports-service dates a consent and judges its standing in
     * the clinic's time zone (the services' default, America/Los_Angeles, as the test stack leaves
     * RAPPORT_CLINIC_TIME_ZONE unset), which is yesterday for eight hours of every UTC day.
     */
    private static LocalDate clinicToday() {
        return LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
    }

    private static String dayOf(LocalDate day) {
        return day.format(java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy", java.util.Locale.US));
    }

    private static Map<String, Object> content() {
        return Map.of(
                "treatmentPlanned", "Spinal manipulation and home exercise",
                "rationale", "Mechanical low back pain responds to manual therapy",
                "visitsPerWeek", 2,
                "durationWeeks", 4,
                "goals", List.of(Map.of("goal", "Return to work", "anticipatedOutcome", "Full shifts without pain breaks")),
                "measures", List.of(Map.of("name", "Pain (NRS 0-10)", "unit", "{score}", "baseline", 6, "current", 3)),
                "history", "Six weeks of low back pain after lifting",
                "examination", "Reduced lumbar flexion; no neurological signs",
                "diagnosisCodes", List.of("M54.50"),
                "coverLetter", "Thank you for the referral.");
    }
}
