package app.rapport.console.web;

import app.rapport.console.security.SignedInUser;
import app.rapport.console.security.StaffSession;
import app.rapport.console.services.Doc;
import app.rapport.console.services.ServiceProblem;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report page as its template renders it (the templates compiled at build time), for what a
 * browser test cannot bring about on a running stack: reports-service failing the save and the
 * re-read alike. And the wording of each reason a send is refused.
 */
class ReportPageTest {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final PageFrame FRAME = new PageFrame(new StaffSession(new SignedInUser("drlee", "Dr Lee", "lakeside",
            List.of("lakeside"), Set.of("clinician"), "token"), "lakeside", "csrf-token"), "Report", "reports", "", false);
    private static final ServiceProblem DOWN = new ServiceProblem(503, Doc.of(Map.of("service", "reports-service",
            "title", "Service Unavailable")));

    @Test
    void whenTheServiceFailsTheSaveAndTheReReadWhatWasTypedIsStillInTheComposer() {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("_csrf", "csrf-token");
        typed.put("_form", "f1");
        typed.put("treatmentPlanned", "Pelvic stabilisation twice a week");
        typed.put("goals[3].goal", "Climb stairs without pain");
        typed.put("measures[0].baselineOn", "2026-10-01");
        typed.put("references[0].url", "https://doi.org/10.1097/BRS.0000000000000763");
        Section<Doc> unreadable = Section.load(() -> {
            throw DOWN;
        });

        String html = render(ReportsController.model("r-1", unreadable, Doc.empty(), new Section<>(null, unreadable.unavailable()),
                new Section<>(null, unreadable.unavailable()),
                ReportsController.PageForms.content(ReferralForms.refused(typed, DOWN))));

        assertThat(html).contains("data-testid=\"composer\"")
                .contains("Pelvic stabilisation twice a week</textarea>")
                .contains("value=\"Climb stairs without pain\"")
                .contains("value=\"2026-10-01\"")
                .contains("value=\"https://doi.org/10.1097/BRS.0000000000000763\"")
                .contains("The reports-service could not answer just now")
                .contains("data-testid=\"report-unavailable\"").contains("What you typed is still in the form below")
                .contains("action=\"/reports/r-1/content\"");
    }

    @Test
    void anUnreadableReportWithNothingTypedOffersNoEmptyComposerThatWouldOverwriteIt() {
        Section<Doc> unreadable = Section.load(() -> {
            throw DOWN;
        });
        // The consent form was the one refused: it keeps what was typed; the composer is not offered empty.
        Map<String, String> consent = Map.of("_form", "f2", "validTo", "2027-06-30", "obtainedVia", "WRITTEN_FORM");

        String html = render(ReportsController.model("r-1", unreadable, Doc.empty(), new Section<>(null, unreadable.unavailable()),
                new Section<>(null, unreadable.unavailable()),
                ReportsController.PageForms.consent(FormState.refused(consent, DOWN))));

        assertThat(html).doesNotContain("data-testid=\"composer\"").contains("value=\"2027-06-30\"")
                .contains("data-testid=\"report-unavailable\"");
    }

    @Test
    void eachGoalMeasureAndReferenceRowIsAGroupNamedByItsNumber() {
        Doc report = Doc.of(Map.of("id", "r-2", "type", "PROGRESS", "status", "DRAFT"));
        Doc consents = Doc.of(Map.of("items", List.of()));

        String html = render(ReportsController.model("r-2", new Section<>(report, ""), Doc.empty(),
                new Section<>(Doc.empty(), ""), new Section<>(consents, ""), ReportsController.PageForms.none()));

        assertThat(html).contains("<legend>Goal 1</legend>", "<legend>Goal 3</legend>", "<legend>Measure 2</legend>",
                "<legend>Reference 2</legend>");
        // Within its group the label need not repeat the number: screen readers announce the legend with it.
        assertThat(html).contains("<label for=\"f-goals[1].anticipatedOutcome\">Anticipated outcome</label>")
                .contains("<label for=\"f-measures[0].measuredOn\">Now measured on</label>");
        // No start day offered from this machine's clock: the service takes today in the clinic's zone.
        assertThat(html).contains("name=\"validFrom\"").doesNotContainPattern("name=\"validFrom\" type=\"date\" value=\"\\d");
    }

    @Test
    void aSendRefusedForWantOfConsentSaysWhyAndWhatToDoForEachReason() {
        Map<String, String> said = Map.of(
                "MISSING", "No consent to disclose to this recipient is on file",
                "REVOKED", "The patient revoked the consent to disclose to this recipient",
                "EXPIRED", "The consent to disclose to this recipient expired",
                "OUT_OF_SCOPE", "No consent covers a PROGRESS report to this recipient on 2026-12-02");
        Map<String, String> todo = Map.of(
                "MISSING", "Ask the patient for their consent",
                "REVOKED", "do not send",
                "EXPIRED", "renew their consent",
                "OUT_OF_SCOPE", "does not cover this report");
        for (String reason : List.of("MISSING", "REVOKED", "EXPIRED", "OUT_OF_SCOPE")) {
            ReportsController.SendRefusal refusal = ReportsController.SendRefusal.of(new ServiceProblem(409, Doc.of(Map.of(
                    "type", "https://rapport.app/problems/consent-required", "detail", said.get(reason),
                    "extra", Map.of("reason", reason)))));
            assertThat(refusal.reason()).isEqualTo(reason);
            assertThat(refusal.why()).as(reason).isEqualTo(said.get(reason));
            assertThat(refusal.whatToDo()).as(reason).contains(todo.get(reason)).contains("Consent to disclose");
        }
    }

    /** A report as reports-service answers it, at version 4, in {@code status}. */
    private static Section<Doc> reportIn(String status) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "r-1");
        r.put("type", "INITIAL");
        r.put("sequenceNumber", 1);
        r.put("status", status);
        r.put("recipientRole", "REFERRING_PRACTITIONER");
        r.put("practitionerId", "p-1");
        r.put("referralId", "ref-1");
        r.put("patientReference", "pat-1");
        r.put("queuedAt", "2026-10-01T10:00:00Z");
        r.put("version", 4);
        r.put("content", Map.of("coverLetter", "Thank you for referring her."));
        return new Section<>(Doc.of(r), "");
    }

    private static String page(Section<Doc> report, ReportsController.PageForms forms) {
        Section<Doc> none = new Section<>(null, "not needed here");
        return render(ReportsController.model("r-1", report, Doc.empty(), none, none, forms));
    }

    @Test
    void theComposerCarriesTheVersionItWasOpenedWithSoASaveCanBeRefusedWhenSomeoneElseSavedFirst() {
        String html = page(reportIn("DRAFT"), ReportsController.PageForms.none());

        assertThat(html).contains("data-testid=\"composer\"").contains("name=\"version\" value=\"4\"");
        assertThat(app.rapport.console.services.ServiceClient.ifMatch("4")).containsEntry("If-Match", "\"4\"");
        assertThat(app.rapport.console.services.ServiceClient.ifMatch("")).isEmpty();
    }

    @Test
    void aSaveRefusedBecauseSomeoneElseChangedTheReportSaysSoAndKeepsWhatWasTyped() {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("_form", "f1");
        typed.put("version", "3");
        typed.put("treatmentPlanned", "Pelvic stabilisation twice a week");

        String html = page(reportIn("DRAFT"), ReportsController.PageForms.content(ReportsController.changedMeanwhile(typed)));

        assertThat(html).contains("Someone else changed this report since you opened it")
                .contains("Pelvic stabilisation twice a week</textarea>")
                // The next save is against the report as it is now, which the page shows.
                .contains("name=\"version\" value=\"4\"");
    }

    @Test
    void aReportWhoseDeliveryIsUnconfirmedOffersToMarkItSentOrSendItAgainAndNoComposer() {
        String html = page(reportIn("DELIVERY_UNCONFIRMED"), ReportsController.PageForms.none());

        assertThat(html).contains("data-testid=\"delivery-unconfirmed\"")
                .contains("action=\"/reports/r-1/confirm-delivery\"")
                .contains("Send again").contains("action=\"/reports/r-1/send\"")
                .doesNotContain("data-testid=\"composer\"");
    }

    private static String render(Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("frame", FRAME);
        StringOutput out = new StringOutput();
        TEMPLATES.render("pages/report.jte", all, out);
        return out.toString();
    }
}
