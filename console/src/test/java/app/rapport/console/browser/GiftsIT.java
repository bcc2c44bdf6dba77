package app.rapport.console.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gift ledger as the front desk uses it: a physician's allowance for the year shown before a
 * gift is recorded, a gift recorded, a gift over the yearly limit and a gift card each refused in
 * words, and the clinic's ledger with its totals, year by year.
 */
@ConsoleTest
class GiftsIT {

    @Test
    void theFrontDeskSeesTheAllowanceRecordsAGiftAndIsToldWhyOthersAreRefused(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("gifts"));
        ClinicData.Partner partner = clinic.registerPartner("Okafor"); // an MD: a physician, under the yearly limit
        // outreach-service learns of the partner from the directory's events.
        await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() ->
                clinic.outreach().get("/api/v1/gifts/allowance?practitionerId=" + partner.id(), clinic.token()).status() == 200);
        int year = Integer.parseInt(clinic.outreach().get("/api/v1/gifts/allowance?practitionerId=" + partner.id(),
                clinic.token()).text("year"));
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        // The clinic's ledger is empty this year.
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Gifts")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Gifts in " + year))).isVisible();
        assertThat(page.getByTestId("gift-totals")).containsText("0.00 USD in 0 gifts to 0 partners");

        // Choosing the partner shows what remains before anything is recorded.
        page.getByLabel("Partner").selectOption(partner.id());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show allowance")).click();
        assertThat(page.getByTestId("allowance")).containsText("535.00 USD left of 535.00 USD");
        assertThat(page.getByTestId("allowance")).containsText("never cash or gift cards");

        // Flowers for the office: recorded, and the allowance goes down by their value.
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Gift")).selectOption("FLOWERS");
        page.getByLabel("Value").fill("$48.60");
        page.getByLabel("Description").fill("Flowers for the front office");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record gift")).click();
        assertThat(page.locator("#notice")).containsText("Gift recorded");
        assertThat(page.getByTestId("allowance")).containsText("486.40 USD left of 535.00 USD");
        assertThat(page.getByTestId("gift")).hasCount(1);
        assertThat(page.getByTestId("gift")).containsText("Flowers");
        assertThat(page.getByTestId("gift")).containsText("48.60 USD");

        // A lunch over what remains: refused, with the remaining amount, and the form kept.
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Gift")).selectOption("MEAL");
        page.getByLabel("Value").fill("600.00");
        page.getByLabel("Description").fill("Team lunch");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record gift")).click();
        assertThat(page.getByTestId("gift-why")).containsText("Over the yearly limit: this partner may receive 486.40 USD more in " + year);
        assertThat(page.locator("[data-field-error='value.amount']")).containsText("486.40 USD remain this year");
        assertThat(page.getByLabel("Value")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Value")).hasValue("600.00");
        assertThat(page.getByLabel("Description")).hasValue("Team lunch");

        // A gift card: refused for what it is, with the reason in words.
        page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Gift")).selectOption("GIFT_CARD");
        page.getByLabel("Value").fill("25.00");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record gift")).click();
        assertThat(page.getByTestId("gift-why")).containsText("cash, checks and gift cards count as cash");
        assertThat(page.locator("[data-field-error=kind]")).containsText("may never be given to a physician");
        // Neither refusal was written.
        assertThat(page.getByTestId("allowance")).containsText("486.40 USD left");
        assertThat(page.getByTestId("gift")).hasCount(1);

        // The clinic's ledger for the year: the one gift, with its totals; the year before is empty.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← Gifts in " + year)).click();
        assertThat(page.getByTestId("gift-totals")).containsText("48.60 USD in 1 gift to 1 partner");
        assertThat(page.getByTestId("gift")).hasCount(1);
        assertThat(page.getByTestId("gift")).containsText("Maya Okafor");
        Screenshots.save(page, "gifts");
        Screenshots.usePhoneWidth(page);
        Screenshots.save(page, "gifts-phone");
        Screenshots.useDesktopWidth(page);

        page.getByTestId("previous-year").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Gifts in " + (year - 1)))).isVisible();
        assertThat(page.getByTestId("gift-totals")).containsText("0.00 USD in 0 gifts");
        assertThat(page.getByTestId("gift")).hasCount(0);
    }
}
