package app.rapport.console.browser;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static app.rapport.console.browser.ReferralToThankYouIT.button;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared front-desk computer: what the browser keeps of a patient's page, what another site can
 * make it do, and what happens when the session ends (by time or by signing out).
 */
@ConsoleTest
class SessionSafetyIT {

    @Test
    void aPageWithPatientDataIsNeitherCachedNorOpenToInlineScript(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("everett"));
        String referral = clinic.receiveReferral(clinic.registerPartner("Okafor"));
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        Response response = page.navigate(stack.consoleUrl("/referrals/" + referral));

        assertThat(response.status()).isEqualTo(200);
        Map<String, String> headers = response.allHeaders();
        assertThat(headers.get("cache-control")).isEqualTo("no-store");
        String csp = headers.get("content-security-policy");
        assertThat(csp).isNotNull().doesNotContain("unsafe-inline").doesNotContain("unsafe-eval")
                .contains("script-src 'self'").contains("style-src 'self'").contains("frame-ancestors 'none'");
        assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.getByTestId("patient-name")).hasText("Elena Marsh");
        Screenshots.save(page, "referral-no-store");
    }

    @Test
    void aForgedCrossSitePostIsRefusedAndChangesNothing(ConsoleStack stack, BrowserContext context, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("lynnwood"));
        String referral = clinic.receiveReferral(clinic.registerPartner("Okafor"));
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/referrals/" + referral));
        String token = page.locator("meta[name=csrf-token]").getAttribute("content");
        String transitions = stack.consoleUrl("/referrals/" + referral + "/transitions");
        String cookies = ConsoleStack.cookieHeader(context);
        assertThat(cookies).contains("RAPPORT_SESSION=");

        // Another site's page posting the transition form with the person's cookies: from a foreign
        // origin (even if it had the token), and without the token or with a guessed one. On a
        // loopback address Micronaut's own drive-by-localhost guard refuses a non-local origin
        // before the console's filter; another local origin (a page on another port) reaches it.
        APIResponse foreign = page.request().post(transitions, RequestOptions.create()
                .setHeader("Cookie", cookies).setHeader("Origin", "https://evil.example")
                .setForm(FormData.create().set("_csrf", token).set("to", "DECLINED").set("reason", "forged"))
                .setMaxRedirects(0));
        APIResponse otherLocalOrigin = page.request().post(transitions, RequestOptions.create()
                .setHeader("Cookie", cookies).setHeader("Origin", stack.provider().baseUrl())
                .setForm(FormData.create().set("_csrf", token).set("to", "DECLINED").set("reason", "forged"))
                .setMaxRedirects(0));
        APIResponse tokenless = page.request().post(transitions, RequestOptions.create()
                .setHeader("Cookie", cookies)
                .setForm(FormData.create().set("to", "DECLINED").set("reason", "forged"))
                .setMaxRedirects(0));
        APIResponse wrongToken = page.request().post(transitions, RequestOptions.create()
                .setHeader("Cookie", cookies).setHeader("Origin", stack.consoleUrl())
                .setForm(FormData.create().set("_csrf", "guessed").set("to", "DECLINED").set("reason", "forged"))
                .setMaxRedirects(0));

        assertThat(foreign.status()).as("from another origin").isEqualTo(403);
        assertThat(tokenless.status()).as("without the CSRF token").isEqualTo(403);
        assertThat(wrongToken.status()).as("with a guessed CSRF token").isEqualTo(403);
        assertThat(otherLocalOrigin.status()).as("from another origin on this machine").isEqualTo(403);
        for (APIResponse refused : java.util.List.of(otherLocalOrigin, tokenless, wrongToken)) {
            assertThat(refused.text()).isEqualTo(
                    "This form has expired or did not come from this console. Go back, reload the page and try again.");
            assertThat(refused.headers()).containsEntry("cache-control", "no-store");
        }
        assertThat(clinic.referrals().get("/api/v1/referrals/" + referral, clinic.token()).text("status"))
                .isEqualTo("RECEIVED");

        // The person still sees the referral as it was.
        page.reload();
        assertThat(page.getByTestId("referral-status")).hasText("Received");
        assertThat(page.getByTestId("history").locator("li")).hasCount(1);

        // The same request from the console's own page, with the page's token, goes through.
        APIResponse genuine = page.request().post(transitions, RequestOptions.create()
                .setHeader("Cookie", cookies).setHeader("Origin", stack.consoleUrl())
                .setForm(FormData.create().set("_csrf", token).set("to", "ACCEPTED"))
                .setMaxRedirects(0));
        assertThat(genuine.status()).as("the console's own form").isEqualTo(303);
        page.reload();
        assertThat(page.getByTestId("referral-status")).hasText("Accepted");
        assertThat(page.getByTestId("history").locator("li")).hasCount(2);
        Screenshots.save(page, "referral-after-forgery");
    }

    @Test
    void anExpiredSessionGoesThroughSignInAndBackToThePageAskedFor(ConsoleStack stack, BrowserContext context, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("bothell"));
        ClinicData.Partner okafor = clinic.registerPartner("Okafor");
        String first = clinic.receiveReferral(okafor);
        String second = clinic.sendReferral(okafor);
        StaffMember frontDesk = StaffMember.of("frontdesk", clinic.clinic(), "staff");
        stack.signIn(page, frontDesk);
        page.navigate(stack.consoleUrl("/referrals/" + first));
        assertThat(page.getByTestId("referral-status")).hasText("Received");

        // The session ends while the page is open (its cookie is gone, as after 30 minutes).
        assertThat(context.cookies()).extracting(c -> c.name).contains("RAPPORT_SESSION");
        context.clearCookies(new BrowserContext.ClearCookiesOptions().setName("RAPPORT_SESSION"));
        page.navigate(stack.consoleUrl("/referrals/" + second + "?from=today"));

        ProviderSignInPage signIn = new ProviderSignInPage(page);
        page.waitForURL(url -> url.startsWith(stack.provider().baseUrl()));
        assertThat(signIn.isShown()).as("the provider's sign-in page").isTrue();
        Screenshots.save(page, "session-expired-sign-in");

        stack.signIn(page, frontDesk);
        assertThat(page).hasURL(stack.consoleUrl("/referrals/" + second + "?from=today"));
        assertThat(page.getByTestId("referral-status")).hasText("Sent");
        assertThat(page.getByRole(AriaRole.BANNER)).containsText("Frontdesk");
        Screenshots.save(page, "session-expired-back");
    }

    @Test
    void signingOutEndsTheSession(ConsoleStack stack, BrowserContext context, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("redmond"));
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Today").setLevel(1))).isVisible();

        button(page, "Sign out").click();
        page.waitForURL(url -> url.equals(stack.consoleUrl("/signed-out")));
        assertThat(page.getByText("You are signed out.")).isVisible();
        assertThat(context.cookies()).extracting(c -> c.name).doesNotContain("RAPPORT_SESSION");
        Screenshots.save(page, "signed-out");

        page.navigate(stack.consoleUrl("/"));
        page.waitForURL(url -> url.startsWith(stack.provider().baseUrl()));
        assertThat(new ProviderSignInPage(page).isShown()).as("the provider's sign-in page").isTrue();
        Screenshots.save(page, "signed-out-then-open");
    }
}
