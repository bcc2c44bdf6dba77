package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static app.rapport.console.browser.ReferralToThankYouIT.button;
import static app.rapport.console.browser.ReferralToThankYouIT.field;
import static app.rapport.console.browser.ReferralToThankYouIT.nav;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clinic's settings as a front desk keeps them: the profile partners read in the referral
 * packet, the wording of the messages partners receive, which plugins run for the clinic, and
 * the weekly goal Today counts against. Each setting is checked where it takes effect: in the
 * packet PDF, in the e-mail a partner receives, in what the service does, on Today.
 */
@ConsoleTest
class SettingsIT {

    @Test
    void theFrontDeskWritesTheProfileAndThePacketPreviewCarriesItsNewNameAndAddress(ConsoleStack stack, Page page,
                                                                                     BrowserContext context) throws IOException {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("settings-profile"));
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        nav(page, "Settings").click();
        assertThat(page.locator("#settings-profile")).containsText("No profile yet");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Write the clinic profile")).click();

        field(page, "clinicName").fill("Harbor Integrative Care");
        field(page, "servicesOffered").fill("Acupuncture\nChiropractic care, including prenatal (Webster technique)");
        field(page, "paymentPolicies").fill("Payment is due at the visit, by card or check");
        field(page, "howToRefer").fill("Fax the referral to (206) 555-0111, or call the front desk.");
        field(page, "locations[0].name").fill("Capitol Hill");
        field(page, "locations[0].address.line1").fill("1510 Broadway");
        field(page, "locations[0].address.city").fill("Seattle");
        field(page, "locations[0].address.region").fill("WA");
        field(page, "locations[0].address.postalCode").fill("98122");
        field(page, "locations[0].phone").fill("call the front desk");
        page.locator("[id=\"f-locations[0].hours[0].day\"]").selectOption("MONDAY");
        field(page, "locations[0].hours[0].opens").fill("08:00");
        field(page, "locations[0].hours[0].closes").fill("17:30");
        button(page, "Save clinic profile").click();

        // A phone number that is none: refused at its field, everything typed kept, nothing saved.
        Locator phoneError = page.locator("[data-field-error=\"locations[0].phone\"]");
        assertThat(phoneError).hasText("is not a phone number");
        assertThat(field(page, "locations[0].phone")).hasAttribute("aria-invalid", "true");
        assertThat(field(page, "clinicName")).hasValue("Harbor Integrative Care");
        assertThat(field(page, "locations[0].hours[0].closes")).hasValue("17:30");
        assertThat(clinic.contacts().get("/api/v1/clinic-profile", clinic.token()).status())
                .as("the clinic still has no profile").isEqualTo(404);
        Screenshots.save(page, "settings-profile-refused");

        field(page, "locations[0].phone").fill("(206) 555-0110");
        button(page, "Save clinic profile").click();
        assertThat(page.locator("#notice")).containsText("Clinic profile saved");
        assertThat(page.getByTestId("location")).hasCount(2); // the saved one and a blank one to add a site
        assertThat(field(page, "locations[0].phone")).hasValue("+12065550110");
        String first = packetText(stack, page, context);
        assertThat(first).contains("Harbor Integrative Care").contains("1510 Broadway").contains("Seattle")
                .contains("Payment is due at the visit, by card or check");

        // The clinic moves and takes a new name: the packet partners get says so, and no longer the old.
        field(page, "clinicName").fill("Harbor Integrative Care Ballard");
        field(page, "locations[0].name").fill("Ballard");
        field(page, "locations[0].address.line1").fill("2208 NW Market St");
        field(page, "locations[0].address.postalCode").fill("98107");
        button(page, "Save clinic profile").click();
        assertThat(page.locator("#notice")).containsText("Clinic profile saved");
        String moved = packetText(stack, page, context);
        assertThat(moved).contains("Harbor Integrative Care Ballard").contains("2208 NW Market St").doesNotContain("1510 Broadway");
        assertThat(clinic.contacts().get("/api/v1/clinic-profile", clinic.token()).text("locations/0/address/line1"))
                .isEqualTo("2208 NW Market St");
        Screenshots.save(page, "settings-profile");
    }

    @Test
    void theThankYouWordingIsPreviewedAsWrittenAndTheNextThankYouSentUsesIt(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("settings-wording"));
        ClinicData.Partner lindqvist = clinic.registerPartner("Grace", "Lindqvist", "OB_GYN", "EMAIL");
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/settings"));
        page.locator("#settings-wording").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Thank-you").setExact(true)).click();

        // The built-in wording, previewed for the sample partner.
        assertThat(page.getByTestId("wording-source")).hasText("the built-in wording");
        assertThat(page.getByTestId("preview-subject")).hasText("Thank you for your referral to the clinic");
        assertThat(page.getByTestId("preview-body")).containsText("Dear Dr. Okafor,");

        field(page, "subject").fill("With thanks from Harbor, {{partnerName}}");
        field(page, "body").fill("Dear {{partnerName}},\n\nThank you for sending your patient to Harbor Integrative Care.\n\nJordan, front desk");
        button(page, "Preview").click();
        assertThat(page.getByTestId("preview-subject")).hasText("With thanks from Harbor, Dr. Okafor");
        assertThat(page.getByTestId("preview-body")).containsText("Thank you for sending your patient to Harbor Integrative Care.");
        assertThat(page.locator("#wording-preview")).containsText("not saved yet");
        assertThat(field(page, "subject")).hasValue("With thanks from Harbor, {{partnerName}}");
        assertThat(clinic.outreach().get("/api/v1/templates/THANK_YOU", clinic.token()).text("custom")).isEqualTo("false");

        // Saving without a subject is refused at the subject; the saved wording stays the built-in one.
        String typedBody = field(page, "body").inputValue();
        field(page, "subject").fill("  ");
        button(page, "Save wording").click();
        assertThat(page.locator("[data-field-error=subject]")).isVisible();
        assertThat(field(page, "subject")).hasAttribute("aria-invalid", "true");
        assertThat(field(page, "body")).hasValue(typedBody);
        assertThat(clinic.outreach().get("/api/v1/templates/THANK_YOU", clinic.token()).text("custom")).isEqualTo("false");

        field(page, "subject").fill("With thanks from Harbor, {{partnerName}}");
        button(page, "Save wording").click();
        assertThat(page.locator("#notice")).containsText("Thank-you wording saved");
        assertThat(page.getByTestId("wording-source")).hasText("your own wording");
        assertThat(page.getByTestId("preview-subject")).hasText("With thanks from Harbor, Dr. Okafor");
        assertThat(page.locator("#wording-preview")).not().containsText("not saved yet");
        Screenshots.save(page, "settings-wording");

        // A referral arrives; its thank-you, sent from Today, is the clinic's new wording for Dr. Lindqvist.
        String referral = clinic.receiveReferral(lindqvist);
        await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(500)).until(() ->
                "EMAIL".equals(clinic.awaitThankYouTask(referral).path("channel").asText()));
        nav(page, "Today").click();
        Locator thankYou = page.locator("#thank-yous").getByTestId("task").filter(new Locator.FilterOptions().setHasText("Lindqvist"));
        thankYou.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deliver e-mail")).click();
        assertThat(thankYou.getByRole(AriaRole.STATUS)).containsText("sent to " + lindqvist.email());
        MailServer.Mail mail = stack.mail().awaitMailTo(lindqvist.email(), Duration.ofSeconds(30));
        assertThat(mail.subject()).isEqualTo("With thanks from Harbor, Dr. Lindqvist");
        assertThat(mail.text()).contains("Dear Dr. Lindqvist,").contains("Thank you for sending your patient to Harbor Integrative Care.");
    }

    @Test
    void aPluginSwitchedOffStopsForTheClinicAndTheWeeklyTargetShowsOnToday(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("settings-plugins"));
        ClinicData.Partner prospect = clinic.registerPartner("Hannah", "Lind", "DOULA", "EMAIL");
        Map<String, Object> invitation = Map.of("practitionerId", prospect.id(), "offer", "FREE_EVALUATION", "channel", "PHONE",
                "value", Map.of("amount", "95.00", "currency", "USD"));
        // Invitations work for the clinic once outreach knows the partner.
        ServiceApi.Answer[] invited = new ServiceApi.Answer[1];
        await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() -> {
            invited[0] = clinic.outreach().post("/api/v1/invitations", clinic.token(), invitation);
            return invited[0].status() != 422;
        });
        assertThat(invited[0].status()).as("an invitation before the switch: %s", invited[0]).isEqualTo(201);

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        nav(page, "Settings").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Switch plugins on or off")).click();
        // Every service lists what it loaded.
        for (String service : new String[] {"contacts", "referrals", "outreach", "reports"}) {
            assertThat(page.locator("[data-testid=plugin][data-service=" + service + "]").first()).isVisible();
        }
        Locator invitations = plugin(page, "outreach", "educate-by-example");
        assertThat(invitations.getByTestId("plugin-state")).hasText("On");
        invitations.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Switch educate-by-example off")).click();
        assertThat(page.locator("#notice")).containsText("switched off for this clinic");
        assertThat(plugin(page, "outreach", "educate-by-example").getByTestId("plugin-state")).hasText("Off");

        // outreach-service no longer takes an invitation from this clinic.
        ServiceApi.Answer refused = clinic.outreach().post("/api/v1/invitations", clinic.token(), invitation);
        assertThat(refused.status()).as("an invitation while switched off: %s", refused).isEqualTo(409);
        assertThat(refused.text("detail")).contains("switched off");
        JsonNode listed = clinic.all(clinic.outreach(), "/api/v1/plugins").stream()
                .filter(p -> p.path("name").asText().equals("educate-by-example")).findFirst().orElseThrow();
        assertThat(listed.path("enabled").asBoolean()).isFalse();
        // Another clinic is not affected.
        ClinicData other = stack.clinic(ClinicData.uniqueClinic("settings-other"));
        assertThat(other.all(other.outreach(), "/api/v1/plugins").stream()
                .filter(p -> p.path("name").asText().equals("educate-by-example")).findFirst().orElseThrow()
                .path("enabled").asBoolean()).isTrue();

        Screenshots.usePhoneWidth(page);
        assertThat(plugin(page, "outreach", "educate-by-example")).isVisible();
        Screenshots.assertFitsTheScreen(page, "the plugins page");
        Screenshots.save(page, "settings-plugins-phone");
        Screenshots.useDesktopWidth(page);

        plugin(page, "outreach", "educate-by-example").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Switch educate-by-example on")).click();
        assertThat(plugin(page, "outreach", "educate-by-example").getByTestId("plugin-state")).hasText("On");
        ServiceApi.Answer again = clinic.outreach().post("/api/v1/invitations", clinic.token(), invitation);
        assertThat(again.status()).as("an invitation after switching it on again: %s", again).isEqualTo(201);

        // The weekly target: out of range is refused at the field and changes nothing; 3 shows on Today.
        page.navigate(stack.consoleUrl("/settings/goal"));
        field(page, "target").fill("51");
        button(page, "Save weekly goal").click();
        assertThat(page.locator("[data-field-error=target]")).isVisible();
        assertThat(field(page, "target")).hasAttribute("aria-invalid", "true");
        assertThat(field(page, "target")).hasValue("51");
        assertThat(clinic.outreach().get("/api/v1/goals/weekly", clinic.token()).text("target")).isEqualTo("1");

        field(page, "target").fill("3");
        button(page, "Save weekly goal").click();
        assertThat(page.locator("#notice")).containsText("Weekly goal saved");
        assertThat(clinic.outreach().get("/api/v1/goals/weekly", clinic.token()).text("target")).isEqualTo("3");
        nav(page, "Today").click();
        assertThat(page.locator("#weekly-goal")).containsText("of 3 contacted");

        nav(page, "Settings").click();
        assertThat(page.getByTestId("goal-target")).hasText("3");
        Screenshots.save(page, "settings");
        Screenshots.usePhoneWidth(page);
        Screenshots.assertFitsTheScreen(page, "the settings overview");
        Screenshots.save(page, "settings-phone");
    }

    /** The services decide who changes settings: a clinician reads them, and is told in words that their role may not change them. */
    @Test
    void aClinicianSeesTheSettingsButTheirRoleMayNotChangeThem(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("settings-roles"));
        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));

        page.navigate(stack.consoleUrl("/settings/goal"));
        field(page, "target").fill("4");
        Response refused = page.waitForResponse(r -> r.request().method().equals("POST") && r.url().endsWith("/settings/goal"),
                () -> button(page, "Save weekly goal").click());
        assertThat(refused.status()).as("the service's refusal, not a form error").isEqualTo(403);
        assertThat(page.locator("#form-message")).containsText("Your role does not allow this.");
        assertThat(field(page, "target")).hasValue("4");

        // The profile as typed stays on the page, with the same answer.
        page.navigate(stack.consoleUrl("/settings/profile"));
        field(page, "clinicName").fill("Harbor Integrative Care");
        field(page, "locations[0].name").fill("Capitol Hill");
        Response profile = page.waitForResponse(r -> r.request().method().equals("POST") && r.url().endsWith("/settings/profile"),
                () -> button(page, "Save clinic profile").click());
        assertThat(profile.status()).isEqualTo(403);
        assertThat(page.locator("#form-message")).containsText("Your role does not allow this.");
        assertThat(field(page, "clinicName")).hasValue("Harbor Integrative Care");
        assertThat(field(page, "locations[0].name")).hasValue("Capitol Hill");
        // Each opening-hours line is a group of its own, so its Day, Opens and Closes are told apart.
        assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Opening 1")).first()
                .getByLabel("Opens")).hasCount(1);
        assertThat(clinic.outreach().get("/api/v1/goals/weekly", clinic.token()).text("target")).isEqualTo("1");

        page.navigate(stack.consoleUrl("/settings/plugins"));
        plugin(page, "outreach", "dormant").getByRole(AriaRole.BUTTON,
                new Locator.GetByRoleOptions().setName("Switch dormant off")).click();
        assertThat(page.locator("#notice")).containsText("Your role does not allow this.");
        assertThat(plugin(page, "outreach", "dormant").getByTestId("plugin-state")).hasText("On");
    }

    private static Locator plugin(Page page, String service, String name) {
        return page.locator("[data-testid=plugin][data-service=" + service + "][data-plugin=" + name + "]");
    }

    /** The packet as the page links it, read as text the way a partner's office would print it. */
    private static String packetText(ConsoleStack stack, Page page, BrowserContext context) throws IOException {
        String href = page.getByTestId("packet-link").getAttribute("href");
        APIResponse pdf = page.request().get(stack.consoleUrl(href), RequestOptions.create()
                .setHeader("Cookie", ConsoleStack.cookieHeader(context)));
        assertThat(pdf.status()).as("the packet preview").isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
        assertThat(pdf.headers().get("content-disposition")).startsWith("inline");
        try (var document = Loader.loadPDF(pdf.body())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
