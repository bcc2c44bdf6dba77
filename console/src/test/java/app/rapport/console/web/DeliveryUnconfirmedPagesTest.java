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
 * A letter or a status update whose sending stopped after it left, before it was confirmed
 * (DELIVERY_UNCONFIRMED, see ADR 0407): the page says it may have arrived and offers the two
 * things staff can do after asking the partner's office — mark it sent, or send it again. A crash
 * in the middle of an SMTP exchange is what brings this state about, which a browser test on a
 * running stack cannot stage, so the pages are rendered from their compiled templates.
 */
class DeliveryUnconfirmedPagesTest {

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final PageFrame FRAME = new PageFrame(new StaffSession(new SignedInUser("drlee", "Dr Lee", "lakeside",
            List.of("lakeside"), Set.of("clinician"), "token"), "lakeside", "csrf-token"), "Referral", "referrals", "", false);
    private static final Doc REFERRAL = new Doc(Map.of("id", "ref-1", "direction", "RECEIVED", "status", "IN_TREATMENT",
            "kind", "CONSULTATION", "patient", Map.of("firstName", "Ruth", "lastName", "Calloway"),
            "practitioner", Map.of("id", "p-1", "name", "Dr Okafor"), "history", List.of()));

    @Test
    void anUnconfirmedLetterOffersToMarkItSentOrSendItAgain() {
        String html = letters(letter("DELIVERY_UNCONFIRMED"));

        assertThat(html).contains("data-testid=\"letter-delivery-unconfirmed\"")
                .contains("action=\"/referrals/ref-1/letters/l-1/confirm-delivery\"")
                .contains("action=\"/referrals/ref-1/letters/l-1/send\"").contains(">Send again</button>");
    }

    @Test
    void aSentLetterOffersNeither() {
        String html = letters(letter("SENT"));

        assertThat(html).doesNotContain("letter-delivery-unconfirmed").doesNotContain("/letters/l-1/confirm-delivery")
                .doesNotContain("action=\"/referrals/ref-1/letters/l-1/send\"");
    }

    @Test
    void anUnconfirmedStatusUpdateOffersToMarkItSentOrSendItAgain() {
        String html = referralPage(update("DELIVERY_UNCONFIRMED"), FormState.empty());

        assertThat(html).contains("data-testid=\"status-update-unconfirmed\"")
                .contains("action=\"/referrals/ref-1/status-updates/u-1/confirm-delivery\"")
                .contains("action=\"/referrals/ref-1/status-updates/u-1/send-again\"");
        assertThat(referralPage(update("SENT"), FormState.empty())).doesNotContain("status-update-unconfirmed");
    }

    @Test
    void whenReportsServiceRefusesTheConfirmationItsMessageIsShownAtThatUpdate() {
        ServiceProblem alreadySent = new ServiceProblem(409, new Doc(Map.of("status", 409, "title", "Conflict",
                "detail", "Status update u-1 is SENT; only one whose delivery is unconfirmed can be confirmed or sent again")));
        FormState refused = FormState.refused(Map.of("updateId", "u-1", "_csrf", "csrf-token"), alreadySent);

        String html = referralPage(update("DELIVERY_UNCONFIRMED"), refused);

        assertThat(html).contains("role=\"alert\"").contains("only one whose delivery is unconfirmed can be confirmed");
    }

    private static Doc letter(String status) {
        return new Doc(Map.of("id", "l-1", "kind", "SECOND_OPINION_REQUEST", "status", status, "practitionerId", "p-2",
                "writtenBy", "drlee", "createdAt", "2026-11-02T15:00:00Z", "question", "Would you see her?"));
    }

    private static Doc update(String status) {
        return new Doc(Map.of("id", "u-1", "kind", "ACCEPTED", "status", status, "channel", "EMAIL"));
    }

    private static String letters(Doc letter) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("referral", REFERRAL);
        model.put("letters", new Section<>(new Doc(Map.of("items", List.of(letter.asMap()))), ""));
        model.put("recipients", Map.of("p-2", new Doc(Map.of("firstName", "Ana", "lastName", "Reyes"))));
        model.put("partners", new Section<>(List.of(new ReferralFormController.PartnerOption("p-2", "Reyes, Ana")), ""));
        model.put("forms", ReferralLettersController.LetterForms.none());
        return render("pages/referral-letters.jte", model);
    }

    private static String referralPage(Doc update, FormState statusUpdate) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("referral", REFERRAL);
        model.put("visits", new Section<>(new Doc(Map.of("items", List.of())), ""));
        model.put("tasks", new Section<>(List.<Doc>of(), ""));
        model.put("partner", Doc.empty());
        model.put("reports", new Section<>(new Doc(Map.of("items", List.of())), ""));
        model.put("statusUpdates", new Section<>(new Doc(Map.of("items", List.of(update.asMap()))), ""));
        model.put("transition", FormState.empty());
        model.put("visit", FormState.empty());
        model.put("statusUpdate", statusUpdate);
        return render("pages/referral.jte", model);
    }

    private static String render(String template, Map<String, Object> model) {
        Map<String, Object> all = new LinkedHashMap<>(model);
        all.put("frame", FRAME);
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, all, out);
        return out.toString();
    }
}
