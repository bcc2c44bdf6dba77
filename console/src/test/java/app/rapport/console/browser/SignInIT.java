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

        // Back on the console, signed in: the header names the clinic they work in.
        stack.awaitBackAtConsole(page);
        assertThat(page.getByRole(AriaRole.BANNER)).containsText("seattle-downtown");
        Screenshots.save(page, "today");
    }
}
