package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The front desk's day with one referral: recording it as it arrives, finding its thank-you on
 * Today and sending it, moving the referral along, and finding it again in the list.
 */
@ConsoleTest
class ReferralToThankYouIT {

    private static final String THANK_YOU_SUBJECT = "With thanks from Harbor Chiropractic";
    private static final Pattern REFERRAL_PAGE = Pattern.compile(".*/referrals/[0-9a-f-]{36}$");

    @Test
    void theFrontDeskRecordsAReferralAndSendsItsThankYouByEmail(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("seattle-downtown"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        ServiceApi.Answer template = clinic.outreach().put("/api/v1/templates/THANK_YOU", clinic.token(),
                Map.of("subject", THANK_YOU_SUBJECT, "body", "Dear {{partnerName}},\n\nThank you for the referral."));
        assertThat(template.status()).as("the clinic's thank-you template: %s", template).isEqualTo(200);
        clinic.awaitKnownToReferrals(okafor);

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        nav(page, "Referrals").click();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Record a referral")).click();

        page.locator("#f-practitionerId").selectOption(okafor.id());
        field(page, "patient.firstName").fill("Elena");
        field(page, "patient.lastName").fill("Marsh");
        field(page, "patient.birthDate").fill("1991-04-17");
        field(page, "patient.phone").fill("+1 206 555 0143");
        field(page, "reason").fill("Low back and pelvic girdle pain at 28 weeks; please evaluate and treat");
        field(page, "diagnosisCodes").fill("O26.893, M54.50");
        Screenshots.save(page, "referral-new");
        button(page, "Record referral").click();

        // The referral's own page: received, and its history says so.
        page.waitForURL(REFERRAL_PAGE);
        assertThat(page.locator("#notice")).containsText("Referral recorded");
        assertThat(page.getByTestId("referral-status")).hasText("Received");
        assertThat(page.getByTestId("patient-name")).hasText("Elena Marsh");
        assertThat(page.getByTestId("diagnosis-codes")).hasText("O26.893, M54.50");
        assertThat(page.getByTestId("history").locator("li")).hasCount(1);
        assertThat(page.getByTestId("history")).containsText("Received");
        Screenshots.save(page, "referral");

        // Today: the thank-you for Dr. Okafor appears within seconds, by her preferred channel.
        nav(page, "Today").click();
        Locator thankYou = page.locator("#thank-yous").getByTestId("task").filter(new Locator.FilterOptions().setHasText("Okafor"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).pollInSameThread().until(() -> {
            if (thankYou.count() > 0 && thankYou.getByTestId("channel").innerText().equals("Email")) {
                return true;
            }
            page.reload();
            return false;
        });
        assertThat(thankYou).hasCount(1);
        assertThat(thankYou).containsText("Thank you");
        assertThat(thankYou).not().containsText("preference not known yet");
        assertThat(thankYou.getByTestId("status")).hasText("Open");
        Screenshots.save(page, "today-thank-you");

        thankYou.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deliver e-mail")).click();
        // The row is swapped in place: delivered, with what was sent to whom.
        assertThat(thankYou.getByRole(AriaRole.STATUS)).containsText("sent to " + okafor.email());
        assertThat(thankYou.getByTestId("status")).not().hasText("Open");
        assertThat(thankYou.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deliver e-mail"))).hasCount(0);

        MailServer.Mail mail = stack.mail().awaitMailTo(okafor.email(), Duration.ofSeconds(30));
        assertThat(mail.subject()).isEqualTo(THANK_YOU_SUBJECT);
        assertThat(mail.to()).containsExactly(okafor.email());
        assertThat(mail.text()).contains("Thank you for the referral");
        Screenshots.save(page, "today-thank-you-delivered");
    }

    @Test
    void theReferralMovesOnlyAlongItsAllowedTransitions(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("bellevue"));
        ClinicData.Partner reyes = clinic.registerPartner("Reyes");
        String referral = clinic.receiveReferral(reyes);

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/referrals/" + referral));
        assertThat(page.getByTestId("referral-status")).hasText("Received");
        assertThat(page.getByTestId("transition").getByRole(AriaRole.BUTTON))
                .hasText(new String[] {"Accepted", "Declined", "Cancelled"});
        Locator history = page.getByTestId("history").locator("li");
        assertThat(history).hasCount(1);

        // Declining asks why: with the reason empty the browser keeps the form and asks for it.
        Locator decline = page.getByTestId("transition").filter(new Locator.FilterOptions().setHas(
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Declined"))));
        String here = page.url();
        decline.getByRole(AriaRole.BUTTON).click();
        assertThat(page).hasURL(here);
        assertThat((String) page.locator("#f-reason-declined").evaluate("input => input.validationMessage")).isNotBlank();
        assertThat(page.getByTestId("referral-status")).hasText("Received");

        // A reason of blanks gets past the browser to referrals-service, which refuses it at the reason.
        decline.getByRole(AriaRole.TEXTBOX).fill("   ");
        decline.getByRole(AriaRole.BUTTON).click();
        Locator reasonError = page.locator("[data-field-error=reason]");
        assertThat(reasonError).hasText("say why the referral is declined");
        assertThat(page.locator("#f-reason-declined")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("referral-status")).hasText("Received");
        assertThat(history).hasCount(1);
        Screenshots.save(page, "referral-decline-refused");

        button(page, "Accepted").click();
        assertThat(page.getByTestId("referral-status")).hasText("Accepted");
        assertThat(page.locator("#notice")).containsText("Status now: Accepted");
        assertThat(history).hasCount(2);
        assertThat(history.nth(1)).containsText("Accepted");
        assertThat(history.nth(1)).containsText("by frontdesk");
        // From Accepted the referral can be scheduled or cancelled, no longer declined.
        assertThat(page.getByTestId("transition").getByRole(AriaRole.BUTTON)).hasText(new String[] {"Scheduled", "Cancelled"});
        assertThat(clinic.referrals().get("/api/v1/referrals/" + referral, clinic.token()).text("status")).isEqualTo("ACCEPTED");

        // Dr. Reyes hears that it was accepted, on her channel, and the page says what she was told.
        Locator accepted = page.getByTestId("status-update").and(page.locator("[data-kind=ACCEPTED]"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).pollInSameThread().until(() -> {
            if (accepted.count() > 0 && accepted.getByTestId("status-update-status").innerText().equals("Sent")) {
                return true;
            }
            page.reload();
            return false;
        });
        assertThat(accepted).containsText("by email");
        MailServer.Mail told = stack.mail().awaitMailTo(reyes.email(), Duration.ofSeconds(30));
        assertThat(told.text()).contains("accepted");
        assertThat(told.text()).as("no clinical detail").doesNotContain("M54.50").doesNotContain("pelvic girdle");
        Screenshots.save(page, "referral-accepted");
    }

    @Test
    void theReferralListShowsReceivedAndSentWithCountsAndFindsAPatientByName(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("kirkland"));
        ClinicData.Partner okafor = clinic.registerPartner("Grace", "Okafor", "OB_GYN", "EMAIL");
        String sent = clinic.sendReferral(okafor);
        List<String> received = List.of(clinic.receiveReferral(okafor), clinic.receiveReferral(okafor),
                clinic.createReferral(withPatient(ClinicData.referralBody("RECEIVED", okafor.id()), "Tomas", "Lindgren")));

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        nav(page, "Referrals").click();

        // Received first: a row per referral, the chips count them by status.
        assertThat(page.getByTestId("direction-tab").and(page.locator("[aria-current=page]"))).hasText("Received");
        assertThat(page.getByTestId("referral-row")).hasCount(received.size());
        assertThat(chipCount(page, "RECEIVED")).hasText(Integer.toString(received.size()));
        assertThat(chipCount(page, "")).hasText(Integer.toString(received.size()));
        assertThat(chipCount(page, "ACCEPTED")).hasText("0");
        Screenshots.save(page, "referrals");

        // Sent: the one referral to Dr. Okafor.
        page.getByTestId("direction-tab").filter(new Locator.FilterOptions().setHasText("Sent")).click();
        assertThat(page.getByTestId("direction-tab").and(page.locator("[aria-current=page]"))).hasText("Sent");
        assertThat(page.getByTestId("referral-row")).hasCount(1);
        assertThat(page.getByTestId("referral-row")).hasAttribute("data-referral-id", sent);
        assertThat(page.getByTestId("referral-row").getByTestId("referral-status")).hasText("Sent");
        assertThat(chipCount(page, "SENT")).hasText("1");

        // Back to received, search by the patient's last name.
        page.getByTestId("direction-tab").filter(new Locator.FilterOptions().setHasText("Received")).click();
        page.getByLabel("Search by patient or partner").fill("Lindgren");
        button(page, "Search").click();
        assertThat(page.getByTestId("referral-row")).hasCount(1);
        assertThat(page.getByTestId("referral-row")).hasAttribute("data-referral-id", received.get(2));
        assertThat(page.getByTestId("referral-row")).containsText("Tomas Lindgren");
        assertThat(chipCount(page, "RECEIVED")).hasText("1");

        page.getByLabel("Search by patient or partner").fill("Abernathy");
        button(page, "Search").click();
        assertThat(page.getByTestId("referral-row")).hasCount(0);
        assertThat(page.getByTestId("empty")).containsText("No referrals match");

        // On a phone the full list stays usable: nothing wider than the screen.
        page.navigate(stack.consoleUrl("/referrals"));
        Screenshots.usePhoneWidth(page);
        assertThat(page.getByTestId("referral-row")).hasCount(received.size());
        assertThat(page.getByTestId("referral-row").first().getByRole(AriaRole.LINK).first()).isVisible();
        Screenshots.assertFitsTheScreen(page, "the referral list");
        Screenshots.save(page, "referrals-phone");
    }

    private static Map<String, Object> withPatient(Map<String, Object> body, String firstName, String lastName) {
        @SuppressWarnings("unchecked")
        Map<String, Object> patient = (Map<String, Object>) body.get("patient");
        patient.put("firstName", firstName);
        patient.put("lastName", lastName);
        return body;
    }

    static Locator field(Page page, String name) {
        return page.locator("[id=\"f-" + name + "\"]");
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator nav(Page page, String name) {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private static Locator chipCount(Page page, String status) {
        return page.locator("[data-testid=status-chip][data-status=\"" + status + "\"]").getByTestId("status-count");
    }
}
