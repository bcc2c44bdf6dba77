package app.rapport.console.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The console with the keyboard alone, and forms a screen reader can name field by field. */
@ConsoleTest
class KeyboardIT {

    @Test
    void tabReachesSkipToContentThenTheNavigationAndEveryFormInputHasALabel(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("keyboard"));
        clinic.registerPartner("Adeyemi");
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        // Today, from the top of the page: "Skip to content" first, the main navigation next.
        page.navigate(stack.consoleUrl("/"));
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Skip to content");
        page.keyboard().press("Tab");
        Locator mainNav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        assertThat(mainNav.locator(":focus")).hasCount(1);
        assertThat(page.locator(":focus")).hasText("Today");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).hasText("Referrals");

        // The skip link takes focus past the header, into the page's content.
        page.navigate(stack.consoleUrl("/"));
        page.keyboard().press("Tab");
        page.keyboard().press("Enter");
        assertThat(page.locator(":focus")).hasId("main");

        // Every input of the two longest forms is found by its label.
        page.navigate(stack.consoleUrl("/referrals/new"));
        everyInputHasALabel(page, List.of("Received or sent", "Kind", "Partner", "Channel", "Urgency", "Received or sent on",
                "First name", "Last name", "Birth date", "Phone", "E-mail", "Reason", "Requested service",
                "Diagnosis codes (ICD-10)", "Name", "Credentials"));
        page.navigate(stack.consoleUrl("/partners/new"));
        everyInputHasALabel(page, List.of("First name", "Last name", "Credentials", "Specialty", "Organization", "NPI",
                "Physician (for the gift rules)", "Stage", "E-mail", "Phone", "Fax", "Address", "Address, second line",
                "City", "State or region", "ZIP or postal code", "Country", "How they like to be thanked", "Initial",
                "Progress", "Discharge", "Accepted", "Scheduled", "First visit", "Declined", "Completed",
                "Every N visits", "Or every N weeks", "Sent by", "Looked after by", "Tags", "Notes"));
    }

    /**
     * Each visible input, select and textarea of the page's form has a label, and {@code getByLabel}
     * with that label's words finds exactly that input; {@code expected} are the labels a person reads.
     */
    private static void everyInputHasALabel(Page page, List<String> expected) {
        Locator form = page.locator("main form.stacked");
        Locator inputs = form.locator("input:not([type=hidden]), select, textarea");
        List<String> labels = new ArrayList<>();
        for (Locator input : inputs.all()) {
            String id = input.getAttribute("id");
            String label = (String) input.evaluate(
                    "el => el.labels && el.labels.length ? el.labels[0].innerText.replace('*', '').trim() : ''");
            assertThat(label).as("the label of %s on %s", id, page.url()).isNotEmpty();
            labels.add(label);
            // The label's words, with or without the required field's "*".
            // (Written out for the browser's regular expressions, which know no \Q…\E.)
            String words = label.replaceAll("[.*+?^${}()|\\[\\]\\\\]", "\\\\$0");
            Locator byLabel = form.getByLabel(Pattern.compile("^\\s*" + words + "(\\s*\\*)?\\s*$"));
            assertThat(byLabel).hasCount(1);
            assertThat(byLabel).hasAttribute("id", id);
        }
        assertThat(labels).containsExactlyInAnyOrderElementsOf(expected);
    }
}
