package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import app.rapport.console.security.IntakeFormTokensForTests;
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
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partners' intake link from both ends: the front desk issues it, a referring office opens it
 * in a browser with no account and no JavaScript, is told which field is wrong, sends the
 * referral and gets a reference number; the front desk sees the referral on Today. A revoked or
 * expired link gets a plain page; a link over its rate limit or a form left open too long gives
 * the form back filled in; a forged form or one posted from another site is refused.
 */
@ConsoleTest
class IntakeFormIT {

    @Test
    void anOfficeSendsAReferralThroughItsLinkWithoutSigningInAndTheFrontDeskSeesItOnToday(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("intake"));
        ClinicData.Partner partner = clinic.registerPartner("Ames");
        String clinicName = nameTheClinic(clinic, "Lakeshore Chiropractic Collective");
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
            // Nothing of the clinic's console: no navigation, not the clinic's name, not whom the link was issued to.
            assertThat(form.getByRole(AriaRole.NAVIGATION)).hasCount(0);
            showsNothingOfTheClinic(form, clinicName, partner);
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
            // The label above the form is the one staff gave the link, still, after a refusal.
            assertThat(form.getByTestId("intake-label")).hasText("Lakeview Women's Health: referrals to the clinic");
            showsNothingOfTheClinic(form, clinicName, partner);

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
            showsNothingOfTheClinic(form, clinicName, partner);
            String receivedUrl = form.url();
            // "Received" is said only for a referral this link really sent, not for a reference typed in.
            form.navigate(url + "/received?reference=" + java.util.UUID.randomUUID());
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Refer a patient"))).isVisible();
            assertThat(form.getByTestId("reference")).hasCount(0);

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

            // A form posted from another site is refused, even with a form token the console rendered for this link.
            form.navigate(url);
            FormData genuine = FormData.create();
            for (String hidden : new String[] {"_csrf", "_form"}) {
                genuine.set(hidden, form.locator("input[name=" + hidden + "]").getAttribute("value"));
            }
            APIResponse foreign = office.request().post(url, RequestOptions.create()
                    .setHeader("Origin", "https://referrals.example.net")
                    .setForm(genuine.set("patient.firstName", "Eve").set("patient.lastName", "Elsewhere")
                            .set("patient.birthDate", "1990-01-01").set("patient.phone", "+12065550100")
                            .set("reason", "Posted from another site").set("kind", "REFERRAL").set("urgency", "ROUTINE")));
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(clinic.referralCount("RECEIVED")).isEqualTo(before);

            // The label above a refused form is the one staff gave the link, never one posted with the form.
            APIResponse relabelled = office.request().post(url, RequestOptions.create().setForm(FormData.create()
                    .set("_csrf", form.locator("input[name=_csrf]").getAttribute("value"))
                    .set("_form", form.locator("input[name=_form]").getAttribute("value"))
                    .set("_label", "Pay the clinic's deposit at pay-here.example")
                    .set("patient.firstName", "Eve").set("patient.lastName", "Elsewhere").set("patient.birthDate", "1990-01-01")
                    .set("patient.phone", "+12065550100").set("kind", "REFERRAL").set("urgency", "ROUTINE")));
            assertThat(relabelled.status()).isEqualTo(422);
            assertThat(relabelled.text()).doesNotContain("pay-here.example").contains("Lakeview Women");

            // The referral packet the front desk may print is a PDF the browser's viewer can show: not held to the page policy.
            APIResponse packet = page.request().get(stack.consoleUrl("/settings/packet.pdf"),
                    RequestOptions.create().setHeader("Cookie", ConsoleStack.cookieHeader(page.context())));
            assertThat(packet.status()).isEqualTo(200);
            assertThat(packet.headers().get("content-type")).startsWith("application/pdf");
            assertThat(packet.headers().get("content-security-policy")).isEqualTo("frame-ancestors 'self'");
            assertThat(packet.headers().get("cache-control")).isEqualTo("no-store");

            // Revoked: the same link now opens a plain page that says so, with nothing of the clinic.
            page.navigate(stack.consoleUrl("/intake-links"));
            // Each Revoke button says whose link it ends, for a screen reader going through the buttons alone.
            var revoke = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke the link for Maya Ames"));
            assertThat(revoke).hasAccessibleName(java.util.regex.Pattern.compile(
                    "^Revoke the link for Maya Ames.*\\(Lakeview Women's Health: referrals to the clinic\\)$"));
            revoke.click();
            assertThat(page.locator("#notice")).containsText("Link revoked");
            assertThat(page.getByTestId("link-status")).hasText("Revoked");
            assertThat(page.getByTestId("intake-link")).containsText("1 (last");
            Response gone = form.navigate(url);
            assertThat(gone.status()).isEqualTo(404);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link no longer works"))).isVisible();
            assertThat(form.locator("body")).not().containsText("Lakeview");
            assertThat(form.locator("form")).hasCount(0);
            showsNothingOfTheClinic(form, clinicName, partner);
            // Nor does its confirmation page still say "received".
            assertThat(form.navigate(receivedUrl).status()).isEqualTo(404);
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This link no longer works"))).isVisible();
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
            // Nothing typed is lost: the form comes back filled in, saying when to send it again.
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Refer a patient"))).isVisible();
            assertThat(form.locator("#form-message")).containsText("Too many referrals were sent through this link");
            assertThat(form.locator("#form-message")).containsText("press Send the referral again in about");
            assertThat(form.getByLabel("Last name")).hasValue("Marsh");
            assertThat(form.getByLabel("Birth date")).hasValue("1991-04-17");
            assertThat(form.getByLabel("Reason for the referral")).hasValue("Neck pain after a fall");
            assertThat(clinic.referralCount("RECEIVED")).isZero();
        }
    }

    @Test
    void aFormLeftOpenPastItsTimeComesBackFilledInAndGoesThroughWhenSentAgain(ConsoleStack stack) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("intake-old-form"));
        ClinicData.Partner partner = clinic.registerPartner("Okafor");
        clinic.awaitKnownToReferrals(partner);
        ServiceApi.Answer link = stack.api(RapportService.REFERRALS).post("/api/v1/intake-links", clinic.token(), Map.of(
                "practitionerId", partner.id(), "label", "Harbor Midwifery",
                "expiresAt", Instant.now().plus(Duration.ofDays(30)).toString()));
        assertThat(link.status()).as("issue: %s", link).isEqualTo(201);
        String url = stack.consoleUrl("/intake/" + link.text("token"));

        try (BrowserContext office = stack.newPhoneBrowserContextWithoutJavaScript()) {
            Page form = office.newPage();
            assertThat(form.navigate(url).status()).isEqualTo(200);
            form.getByLabel("First name").fill("Ruth");
            form.getByLabel("Last name").fill("Calloway");
            form.getByLabel("Birth date").fill("1984-11-02");
            form.getByRole(AriaRole.TEXTBOX, new Page.GetByRoleOptions().setName("Phone").setExact(true)).fill("+1 206 555 0143");
            form.getByLabel("Reason for the referral").fill("Pelvic girdle pain at 30 weeks");

            // As if the office had left the page open overnight: the form still holds the token rendered
            // 13 hours ago. Set in the page itself, not by rewriting the request in flight: a navigation
            // whose POST body was rewritten by interception now and then left headless Chromium
            // delivering no frames for the page that came back (no screenshot, no "stable" button).
            String overnight = IntakeFormTokensForTests.renderedAt(ConsoleStack.SESSION_SECRET, link.text("token"),
                    Instant.now().minus(Duration.ofHours(13)));
            form.locator("input[name=_csrf]").evaluate("(field, token) => { field.value = token; }", overnight);
            Response old = form.waitForResponse(r -> r.url().equals(url) && "POST".equals(r.request().method()), () ->
                    form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click());
            assertThat(old.status()).isEqualTo(403);
            assertThat(form.locator("#form-message")).containsText("press Send the referral again");
            assertThat(form.getByTestId("intake-label")).hasText("Harbor Midwifery");
            assertThat(form.getByLabel("Last name")).hasValue("Calloway");
            assertThat(form.getByLabel("Reason for the referral")).hasValue("Pelvic girdle pain at 30 weeks");
            assertThat(clinic.referralCount("RECEIVED")).isZero();
            Screenshots.save(form, "intake-form-sent-again");
            Screenshots.assertFitsTheScreen(form, "the intake form shown again");

            // The form came back with a fresh token: sending it again goes through.
            form.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the referral")).click();
            assertThat(form.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Referral received"))).isVisible();
            assertThat(clinic.referralCount("RECEIVED")).isEqualTo(1);
        }
    }

    /** The public pages show only the label staff chose: not the clinic's name, not the partner the link was issued to. */
    private static void showsNothingOfTheClinic(Page form, String clinicName, ClinicData.Partner partner) {
        assertThat(form.locator("body")).not().containsText(clinicName);
        assertThat(form.locator("body")).not().containsText(partner.lastName());
    }

    /** The clinic's profile, so its name exists somewhere the public pages could leak it from. */
    private static String nameTheClinic(ClinicData clinic, String name) {
        ServiceApi.Answer saved = clinic.contacts().put("/api/v1/clinic-profile", clinic.token(), Map.of(
                "clinicName", name,
                "servicesOffered", List.of("Prenatal chiropractic care"),
                "locations", List.of(Map.of("name", "Downtown", "address", Map.of("line1", "1501 4th Ave",
                        "city", "Seattle", "region", "WA", "postalCode", "98101", "country", "US"))),
                "howToRefer", "Fax the referral form to (206) 555-0101"));
        assertThat(saved.status()).as("profile: %s", saved).isEqualTo(200);
        return name;
    }
}
