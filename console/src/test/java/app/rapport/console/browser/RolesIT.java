package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a role may not do, the console does not pretend it did: the service refuses, the page says
 * so in words, and nothing changes. The role matrix is the services' {@code @Secured}:
 * referrals-service's {@code ReferralController} (staff, clinician), contacts-service's
 * {@code PractitionerController} archive (staff only), reports-service's {@code ReportController}
 * (clinician, staff).
 */
@ConsoleTest
class RolesIT {

    /** ops has no patient work: referrals-service takes a new referral from staff or a clinician only. */
    @Test
    void opsCannotRecordAReferralAndThePageSaysTheirRoleDoesNotAllowIt(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("roles-ops"));
        ClinicData.Partner partner = clinic.registerPartner("Hollis");
        // Waits until referrals-service knows the partner, so the form below would be accepted from staff.
        String existing = clinic.receiveReferral(partner);

        stack.signIn(page, StaffMember.of("opsdesk", clinic.clinic(), "ops"));
        page.navigate(stack.consoleUrl("/referrals/new?direction=RECEIVED"));
        // ops may not read the directory either: the partner is entered by id, as the page offers.
        assertThat(page.locator("main")).containsText("The partner list: Not shown for your role.");
        page.getByLabel("Partner's id").fill(partner.id());
        page.getByLabel("Channel").selectOption("FAX");
        page.getByLabel("First name").fill("Wilhelmina");
        page.getByLabel("Last name").fill("Opsworth");
        page.getByLabel("Birth date").fill("1988-02-11");
        page.getByLabel("Phone").fill("+1 206 555 0177");
        page.getByLabel("Reason").fill("Sciatica in the third trimester; please evaluate and treat");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Record referral")).click();

        // Still on the form, with the refusal in words and what they typed kept.
        assertThat(page.locator("#form-message")).containsText("Your role does not allow this.");
        assertThat(page).hasURL(stack.consoleUrl("/referrals"));
        assertThat(page.getByLabel("Last name")).hasValue("Opsworth");

        // Nothing was recorded: the clinic has its one earlier referral only.
        List<JsonNode> referrals = clinic.all(clinic.referrals(), "/api/v1/referrals");
        assertThat(referrals).extracting(r -> r.path("id").asText()).containsExactly(existing);
        assertThat(referrals).noneMatch(r -> r.toString().contains("Opsworth"));
    }

    /** Archiving a partner is a staff action (contacts-service); a clinician reads partners but may not archive one. */
    @Test
    void aClinicianCannotArchiveAPartnerAndIsToldWhy(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("roles-clinician"));
        ClinicData.Partner partner = clinic.registerPartner("Castellanos");

        stack.signIn(page, StaffMember.of("drlee", clinic.clinic(), "clinician"));
        page.navigate(stack.consoleUrl("/partners/" + partner.id()));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit or archive")).click();
        page.getByLabel("Reason").fill("Retired");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive")).click();

        // Back on the partner's page: the refusal in words, and the partner is not archived.
        page.waitForURL(stack.consoleUrl("/partners/" + partner.id()));
        assertThat(page.locator("#notice")).containsText("Your role does not allow this.");
        assertThat(page.getByTestId("archived")).hasCount(0);
        assertThat(page.locator("#notice")).not().containsText("Partner archived");

        ServiceApi.Answer after = clinic.contacts().get("/api/v1/practitioners/" + partner.id(), clinic.token());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.json().path("archived").asBoolean()).as("archived after the clinician's attempt: %s", after).isFalse();
    }

    /** group-admin reads the group's roll-ups, not patients' progress reports (reports-service: clinician, staff). */
    @Test
    void todayTellsAGroupAdminTheReportsAreNotShownForTheirRoleInsteadOfFailing(ConsoleStack stack, Page page) {
        String clinic = ClinicData.uniqueClinic("roles-admin");

        stack.signIn(page, StaffMember.of("groupadmin", clinic, "group-admin"));
        Response today = page.navigate(stack.consoleUrl("/"));

        assertThat(today.status()).isEqualTo(200);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Today").setLevel(1))).isVisible();
        assertThat(page.locator("#reports-waiting")).containsText("Not shown for your role.");
        assertThat(page.locator("#reports-waiting")).not().containsText("waiting for the patient's consent");
        // The blocks the role may read still show: the weekly goal and the partners gone quiet (a roll-up).
        assertThat(page.locator("#weekly-goal")).containsText("contacted");
        assertThat(page.locator("#gone-quiet")).not().containsText("Not shown for your role.");
    }
}
