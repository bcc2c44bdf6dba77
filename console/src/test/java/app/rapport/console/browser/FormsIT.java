package app.rapport.console.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import static app.rapport.console.browser.ReferralToThankYouIT.button;
import static app.rapport.console.browser.ReferralToThankYouIT.field;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The new-referral form as people really use it: with mistakes, and with impatient clicks. */
@ConsoleTest
class FormsIT {

    private static final Pattern REFERRAL_PAGE = Pattern.compile(".*/referrals/([0-9a-f-]{36})$");

    @Test
    void aRefusedFieldShowsTheServicesMessageAtThatFieldAndKeepsWhatWasTyped(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("renton"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        clinic.awaitKnownToReferrals(okafor);
        long before = clinic.referralCount("RECEIVED");

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/referrals/new"));
        String tomorrow = LocalDate.now().plusDays(2).toString();
        page.locator("#f-practitionerId").selectOption(okafor.id());
        field(page, "patient.firstName").fill("Elena");
        field(page, "patient.lastName").fill("Marsh");
        field(page, "patient.birthDate").fill(tomorrow);
        field(page, "patient.phone").fill("+12065550143");
        field(page, "diagnosisCodes").fill("O26.893, M54.50");
        // The reason is left empty.
        button(page, "Record referral").click();

        // The same form again, each message at its input, what was typed still there.
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Please correct the 2 fields marked below.");
        assertThat(page.locator("[data-field-error=\"patient.birthDate\"]")).hasText("must be a past date");
        assertThat(page.locator("[data-field-error=reason]")).hasText("must not be blank");
        assertThat(page.locator("[data-field-error]")).hasCount(2);
        assertThat(field(page, "patient.birthDate")).hasAttribute("aria-invalid", "true");
        assertThat(field(page, "reason")).hasAttribute("aria-invalid", "true");
        assertThat(field(page, "patient.birthDate")).hasAttribute("aria-describedby", Pattern.compile("\\be-patient\\.birthDate\\b"));
        assertThat(field(page, "patient.lastName")).not().hasAttribute("aria-invalid", "true");
        assertThat(field(page, "patient.birthDate")).hasValue(tomorrow);
        assertThat(field(page, "patient.firstName")).hasValue("Elena");
        assertThat(field(page, "patient.lastName")).hasValue("Marsh");
        assertThat(field(page, "diagnosisCodes")).hasValue("O26.893, M54.50");
        assertThat(page.locator("#f-practitionerId")).hasValue(okafor.id());
        Screenshots.save(page, "referral-new-refused");
        assertThat(clinic.referralCount("RECEIVED")).as("referrals after the refused form").isEqualTo(before);

        // Corrected, the same form records the referral.
        field(page, "patient.birthDate").fill("1991-04-17");
        field(page, "reason").fill("Low back pain at 28 weeks");
        button(page, "Record referral").click();
        page.waitForURL(REFERRAL_PAGE);
        assertThat(page.getByTestId("referral-status")).hasText("Received");
        assertThat(clinic.referralCount("RECEIVED")).isEqualTo(before + 1);
    }

    @Test
    void aFormSubmittedTwiceRecordsOneReferral(ConsoleStack stack, BrowserContext context, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("issaquah"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        clinic.awaitKnownToReferrals(okafor);

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/referrals/new"));
        page.locator("#f-practitionerId").selectOption(okafor.id());
        field(page, "patient.firstName").fill("Priya");
        field(page, "patient.lastName").fill("Castellanos");
        field(page, "patient.birthDate").fill("1988-09-02");
        field(page, "patient.phone").fill("+12065550177");
        field(page, "reason").fill("Sciatica since the second trimester");

        // What the browser would send, sent once more alongside it with the same cookies (a double-click
        // that gets through, or the form resent after a slow answer).
        Locator form = page.locator("form[action='/referrals']");
        FormData again = FormData.create();
        for (Locator input : form.locator("input[name], select[name], textarea[name]").all()) {
            again.set(input.getAttribute("name"), input.inputValue());
        }
        button(page, "Record referral").click(new Locator.ClickOptions().setNoWaitAfter(true));
        APIResponse second = page.request().post(stack.consoleUrl("/referrals"), RequestOptions.create()
                .setHeader("Cookie", ConsoleStack.cookieHeader(context)).setHeader("Origin", stack.consoleUrl()).setForm(again).setMaxRedirects(0));
        page.waitForURL(REFERRAL_PAGE);

        String landedOn = REFERRAL_PAGE.matcher(page.url()).replaceFirst("$1");
        assertThat(second.status()).as("the second submission").isEqualTo(303);
        assertThat(second.headers().get("location")).isEqualTo("/referrals/" + landedOn);
        List<JsonNode> hers = clinic.all(clinic.referrals(), "/api/v1/referrals?q=Castellanos");
        assertThat(hers).as("referrals for Priya Castellanos").hasSize(1);
        assertThat(hers.get(0).path("id").asText()).isEqualTo(landedOn);
        assertThat(page.getByTestId("patient-name")).hasText("Priya Castellanos");
        assertThat(page.getByTestId("history").locator("li")).hasCount(1);
        Screenshots.save(page, "referral-recorded-once");
    }
}
