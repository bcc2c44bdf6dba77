package app.rapport.console.browser;

import app.rapport.local.RapportService;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partners' intake link from both ends: the front desk issues it, a referring office opens it
 * in a browser with no account and no JavaScript, is told which field is wrong, sends the
 * referral and gets a reference number; the front desk sees the referral on Today. A revoked or
 * expired link, a link over its rate limit and a forged form each get a plain page.
 */
@ConsoleTest
class IntakeFormIT {

    @Test
    void anOfficeSendsAReferralThroughItsLinkWithoutSigningInAndTheFrontDeskSeesItOnToday(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("intake"));
        ClinicData.Partner partner = clinic.registerPartner("Ames");
        clinic.awaitKnownToReferrals(partner);
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        // The front desk issues the office a link, from the Referrals section.
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Referrals")).click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Intake links for partners' offices")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Intake links"))).isVisible();
        page.getByLabel("Partner").selectOption(partner.id());
        page.getByLabel("Shown on the form").fill("Lakeview Women's Health: referrals to the clinic");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Issue link")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Intake link issued"))).isVisible();
        String url = page.getByTestId("intake-url").inputValue();
        assertThat(url).matches(".*/intake/[A-Za-z0-9_-]{43}$");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Done")).click();
        assertThat(page.getByTestId("intake-link")).hasCount(1);
        assertThat(page.getByTestId("link-status")).hasText("Active");

        try (BrowserContext office = stack.newPhoneBrowserContextWithoutJavaScript()) {
            Page form = office.newPage();
            Response opened = form.navigate(url);
            assertThat(opened.status()).isEqualTo(200);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Refer a patient"))).isVisible();
            assertThat(form.getByTestId("intake-label")).hasText("Lakeview Women's Health: referrals to the clinic");
            // Nothing of the clinic's console: no navigation, no other patients, no clinic id.
            assertThat(form.getByRole(AriaRole.NAVIGATION)).hasCount(0);
            assertThat(form.locator("body")).not().containsText(clinic.clinic());
            Screenshots.save(form, "intake-form");

            // A forgotten reason and a code that is not ICD-10: each message at its field, all typed kept.
            form.getByLabel("First name").fill("Elena");
            form.getByLabel("Last name").fill("Marsh");
            form.getByLabel("Birth date").fill("1991-04-17");
            form.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Phone").setExact(true)).fill("+1 206 555 0143");
            form.getByLabel("Urgency").selectOption("URGENT");
            form.getByLabel("Diagnosis codes (ICD-10)").fill("back pain");
            form.getByLabel("Your name").fill("Dana Whitfield");
            form.getByLabel("Your phone").fill("+1 206 555 0177");
            form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click();
            assertThat(form.locator("[data-field-error=reason]")).isVisible();
            assertThat(form.getByLabel("Reason for the referral")).hasAttribute("aria-invalid", "true");
            assertThat(form.getByLabel("Last name")).hasValue("Marsh");
            assertThat(form.getByLabel("Urgency")).hasValue("URGENT");

            form.getByLabel("Reason for the referral").fill("Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
            form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click();
            assertThat(form.locator("[data-field-error=diagnosisCodes]")).containsText("back pain");
            assertThat(form.getByLabel("Reason for the referral")).hasValue("Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");

            form.getByLabel("Diagnosis codes (ICD-10)").fill("O26.893, M54.50");
            form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click();
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Referral received"))).isVisible();
            String reference = form.getByTestId("reference").textContent().strip();
            assertThat(reference).matches("[0-9a-f-]{36}");
            // The confirmation echoes nothing of the patient.
            assertThat(form.locator("body")).not().containsText("Marsh");
            assertThat(form.locator("body")).not().containsText("1991");

            // The front desk finds it on Today, as a new referral through the intake link.
            page.navigate(stack.consoleUrl("/"));
            var row = page.getByTestId("new-referral").filter(new com.microsoft.playwright.Locator.FilterOptions()
                    .setHasText("Elena Marsh"));
            assertThat(row).hasCount(1);
            assertThat(row).containsText("Maya Ames");
            assertThat(row.getByTestId("web-intake")).isVisible();
            assertThat(row).containsText("Urgent");
            assertThat(row.getByRole(AriaRole.LINK)).hasAttribute("href", "/referrals/" + reference);
            // Its page names whom to call back at the office.
            row.getByRole(AriaRole.LINK).click();
            assertThat(page.getByTestId("referrer-contact")).containsText("Dana Whitfield");
            assertThat(page.getByTestId("referrer-contact")).containsText("+12065550177");

            // A forged form (not rendered by the console for this link) is refused and records nothing.
            long before = clinic.referralCount("RECEIVED");
            APIResponse forged = office.request().post(url, RequestOptions.create().setForm(FormData.create()
                    .set("patient.firstName", "Eve").set("patient.lastName", "Forged").set("patient.birthDate", "1990-01-01")
                    .set("patient.phone", "+12065550100").set("reason", "forged").set("_csrf", "1.forged")));
            assertThat(forged.status()).isEqualTo(403);
            assertThat(clinic.referralCount("RECEIVED")).isEqualTo(before);

            // Revoked: the same link now opens a plain page that says so, with nothing of the clinic.
            page.navigate(stack.consoleUrl("/intake-links"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke")).click();
            assertThat(page.locator("#notice")).containsText("Link revoked");
            assertThat(page.getByTestId("link-status")).hasText("Revoked");
            assertThat(page.getByTestId("intake-link")).containsText("1 (last");
            Response gone = form.navigate(url);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link no longer works"))).isVisible();
            assertThat(form.locator("body")).not().containsText("Lakeview");
            assertThat(form.locator("form")).hasCount(0);
        }
    }

    @Test
    void anExpiredLinkAndALinkOverItsRateLimitEachSayPlainlyWhatToDo(ConsoleStack stack) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("intake-limits"));
        ClinicData.Partner partner = clinic.registerPartner("Brandt");
        clinic.awaitKnownToReferrals(partner);
        ServiceApi referrals = stack.api(RapportService.REFERRALS);

        try (BrowserContext office = stack.newPhoneBrowserContextWithoutJavaScript()) {
            Page form = office.newPage();

            // Expired: a link issued to end in a few seconds, opened after it has ended.
            ServiceApi.Answer shortLived = referrals.post("/api/v1/intake-links", clinic.token(), Map.of(
                    "practitionerId", partner.id(), "label", "Brandt Family Medicine",
                    "expiresAt", Instant.now().plusSeconds(3).toString()));
            assertThat(shortLived.status()).as("issue: %s", shortLived).isEqualTo(201);
            String expired = stack.consoleUrl("/intake/" + shortLived.text("token"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> form.navigate(expired).status() == 404);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link no longer works"))).isVisible();
            assertThat(form.getByTestId("intake-notice")).containsText("ask the clinic for a new link");
            assertThat(form.locator("body")).not().containsText("Brandt");

            // Over the rate limit: the link's window is used up (rejected submissions count too, ADR 0202).
            ServiceApi.Answer link = referrals.post("/api/v1/intake-links", clinic.token(), Map.of(
                    "practitionerId", partner.id(), "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()));
            assertThat(link.status()).as("issue: %s", link).isEqualTo(201);
            String url = stack.consoleUrl("/intake/" + link.text("token"));
            assertThat(form.navigate(url).status()).isEqualTo(200);
            int used = 0;
            while (referrals.post("/api/v1/intake/" + link.text("token"), null, "{}").status() != 429) {
                assertThat(++used).as("the link's window should fill up").isLessThan(100);
            }
            form.getByLabel("First name").fill("Elena");
            form.getByLabel("Last name").fill("Marsh");
            form.getByLabel("Birth date").fill("1991-04-17");
            form.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Phone").setExact(true)).fill("+12065550143");
            form.getByLabel("Reason for the referral").fill("Neck pain after a fall");
            Response limited = form.waitForResponse(r -> r.url().equals(url) && "POST".equals(r.request().method()), () ->
                    form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Please try again later"))).isVisible();
            assertThat(form.getByTestId("intake-notice")).containsText("try again later");
        }
    }
}
