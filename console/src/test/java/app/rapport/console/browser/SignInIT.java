package app.rapport.console.browser;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the console at the clinic group's identity provider, as the front desk does each morning. */
@ConsoleTest
class SignInIT {

    @Test
    void theFrontDeskSignsInAtTheProviderAndLandsOnTheirClinicsConsole(ConsoleStack stack, Page page) {
        page.navigate(stack.consoleUrl("/"));

        // Nobody is signed in: the console sends the person to the provider's sign-in page.
        page.waitForURL(url -> url.startsWith(stack.provider().issuerUrl()));
        ProviderSignInPage signIn = new ProviderSignInPage(page);
        assertThat(signIn.isShown()).as("the provider's sign-in form is shown").isTrue();
        signIn.signInAs(StaffMember.of("frontdesk", "seattle-downtown", "staff"));

        // Back on the console, signed in: Today, with the clinic they work in and their name in the header.
        stack.awaitBackAtConsole(page);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Today").setLevel(1))).isVisible();
        assertThat(page.getByRole(AriaRole.BANNER)).containsText("seattle-downtown");
        assertThat(page.getByRole(AriaRole.BANNER)).containsText("Frontdesk");
        // The services took the person's own token: their sections answer instead of saying they cannot.
        assertThat(page.locator("#thank-yous .muted")).hasCount(0);
        assertThat(page.locator("#weekly-goal")).containsText("contacted");
        Screenshots.save(page, "today");

        // The same page in a clinician's hand.
        Screenshots.usePhoneWidth(page);
        assertThat(page.getByRole(AriaRole.BANNER).getByText("seattle-downtown")).isVisible();
        Screenshots.save(page, "today-phone");
    }
}
