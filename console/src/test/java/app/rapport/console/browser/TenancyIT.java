package app.rapport.console.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person of one clinic never sees another clinic's patients, partners or referrals: not in the
 * referral list (either tab, any status chip), not by searching for the patient's name, not on a
 * partner's timeline, Today or Tasks, and not by pasting the other clinic's link. A person who
 * works in both switches clinic in the header and then sees the other clinic's work instead.
 */
@ConsoleTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenancyIT {

    /** One clinic's referral network, with names no other clinic of this test uses. */
    record Network(ClinicData data, ClinicData.Partner partner, String patientFirst, String patientLast,
                   String receivedId, String sentId) {
        String clinic() {
            return data.clinic();
        }

        String patient() {
            return patientFirst + " " + patientLast;
        }
    }

    private Network a;
    private Network b;

    @BeforeAll
    void twoClinicsWithTheirOwnPartnersAndReferrals() {
        ConsoleStack stack = ConsoleStack.get();
        a = network(stack.clinic(ClinicData.uniqueClinic("tenancy-a")), "Marguerite", "Abernathy-Lowe", "Rosalind", "Achterberg");
        b = network(stack.clinic(ClinicData.uniqueClinic("tenancy-b")), "Ottoline", "Vanterpool", "Philippa", "Quennell");
        // Both clinics' thank-yous exist, so Today and Tasks have something to leak if they would.
        a.data().awaitThankYouTask(a.receivedId());
        b.data().awaitThankYouTask(b.receivedId());
    }

    private static Network network(ClinicData clinic, String partnerFirst, String partnerLast, String patientFirst,
                                   String patientLast) {
        ClinicData.Partner partner = clinic.registerPartner(partnerFirst, partnerLast, "OB_GYN", "HANDWRITTEN_NOTE");
        Map<String, Object> received = ClinicData.referralBody("RECEIVED", partner.id());
        patientNamed(received, patientFirst, patientLast);
        String receivedId = clinic.createReferral(received);
        Map<String, Object> sent = ClinicData.referralBody("SENT", partner.id());
        sent.put("channel", "EMAIL");
        patientNamed(sent, patientFirst, patientLast);
        String sentId = clinic.createReferral(sent);
        return new Network(clinic, partner, patientFirst, patientLast, receivedId, sentId);
    }

    @SuppressWarnings("unchecked")
    private static void patientNamed(Map<String, Object> body, String first, String last) {
        Map<String, Object> patient = (Map<String, Object>) body.get("patient");
        patient.put("firstName", first);
        patient.put("lastName", last);
    }

    @Test
    void clinicAsFrontDeskSeesNothingOfClinicB(ConsoleStack stack, Page page) {
        stack.signIn(page, StaffMember.of("frontdesk-a", a.clinic(), "staff"));
        seesOnlyOwnClinic(stack, page, a, b);
    }

    @Test
    void clinicBsFrontDeskSeesNothingOfClinicA(ConsoleStack stack, Page page) {
        stack.signIn(page, StaffMember.of("frontdesk-b", b.clinic(), "staff"));
        seesOnlyOwnClinic(stack, page, b, a);
    }

    @Test
    void someoneInBothClinicsSwitchesToBAndThenSeesBsReferralNotAs(ConsoleStack stack, Page page) {
        stack.signIn(page, StaffMember.of("floater", a.clinic(), "staff").alsoIn(b.clinic()));

        // Acting in A, the home clinic: A's referral, not B's.
        page.navigate(stack.consoleUrl("/referrals"));
        assertThat(rows(page)).hasCount(1);
        assertThat(rows(page)).containsText(a.patient());
        assertThat(page.locator("main")).not().containsText(b.patientLast());

        // The header's clinic switcher: choosing B submits it and lands on Today, acting in B.
        Locator choice = page.locator("#clinic-choice");
        assertThat(choice).hasValue(a.clinic());
        choice.selectOption(b.clinic());
        page.waitForURL(stack.consoleUrl("/"));
        assertThat(page.locator("#clinic-choice")).hasValue(b.clinic());

        page.navigate(stack.consoleUrl("/referrals"));
        assertThat(rows(page)).hasCount(1);
        assertThat(rows(page)).containsText(b.patient());
        assertThat(rows(page)).containsText(b.partner().lastName());
        assertThat(page.locator("main")).not().containsText(a.patientLast());
        assertThat(page.locator("main")).not().containsText(a.partner().lastName());
        Screenshots.save(page, "clinic-switch");

        // B's referral opens; A's is now another clinic's.
        page.navigate(stack.consoleUrl("/referrals/" + b.receivedId()));
        assertThat(page.locator("main")).containsText(b.patient());
        Response other = page.navigate(stack.consoleUrl("/referrals/" + a.receivedId()));
        assertThat(other.status()).isEqualTo(404);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Referral not found");
        assertThat(page.locator("main")).not().containsText(a.patientLast());

        // And back to A.
        page.locator("#clinic-choice").selectOption(a.clinic());
        page.waitForURL(stack.consoleUrl("/"));
        page.navigate(stack.consoleUrl("/referrals"));
        assertThat(rows(page)).containsText(a.patient());
        assertThat(page.locator("main")).not().containsText(b.patientLast());
    }

    /** Every list, search and page {@code own}'s person opens shows their clinic's work and nothing of {@code other}'s. */
    private static void seesOnlyOwnClinic(ConsoleStack stack, Page page, Network own, Network other) {
        assertThat(page.getByTestId("clinic")).hasText(own.clinic());

        // The referral list: both tabs, every status chip.
        for (String direction : List.of("RECEIVED", "SENT")) {
            page.navigate(stack.consoleUrl("/referrals?direction=" + direction));
            assertThat(rows(page)).hasCount(1);
            assertThat(rows(page)).containsText(own.patient());
            List<String> chips = new ArrayList<>();
            Locator chipLinks = page.getByTestId("status-chip");
            for (int i = 0; i < chipLinks.count(); i++) {
                chips.add(chipLinks.nth(i).getAttribute("href"));
            }
            assertThat(chips).as("the All chip and one per status of %s", direction).hasSizeGreaterThan(2);
            for (String chip : chips) {
                page.navigate(stack.consoleUrl(chip));
                assertNothingOf(page, other, "referrals " + chip);
            }
            // The counts add up to this clinic's one referral in this direction.
            page.navigate(stack.consoleUrl("/referrals?direction=" + direction));
            assertThat(page.locator("[data-testid=status-chip][data-status=''] [data-testid=status-count]")).hasText("1");

            // Searching for the other clinic's patient, or its partner, finds nothing; one's own patient is found.
            for (String name : List.of(other.patientLast(), other.patient(), other.partner().lastName())) {
                search(page, name);
                assertThat(page.getByTestId("empty")).containsText("No referrals match");
                assertThat(rows(page)).hasCount(0);
                assertNothingOf(page, other, "search " + name);
            }
            search(page, own.patientLast());
            assertThat(rows(page)).hasCount(1);
        }

        // The partner list and the own partner's page: its timeline has its own referrals only.
        page.navigate(stack.consoleUrl("/partners"));
        assertThat(page.getByTestId("partner-row")).hasCount(1);
        assertThat(page.getByTestId("partner-row")).containsText(own.partner().lastName());
        assertNothingOf(page, other, "partners");
        page.navigate(stack.consoleUrl("/partners/" + own.partner().id()));
        Locator referrals = page.locator("[data-testid=timeline-entry][data-kind=referral]");
        assertThat(referrals).hasCount(2);
        assertThat(referrals.first()).containsText(own.patient());
        assertThat(page.getByTestId("timeline-missing")).hasCount(0);
        assertNothingOf(page, other, "own partner's page");

        // Today and Tasks: the own thank-you, nothing of the other clinic's.
        page.navigate(stack.consoleUrl("/"));
        assertThat(page.locator("#thank-yous [data-testid=task]")).hasCount(1);
        assertThat(page.locator("#thank-yous [data-testid=task]")).containsText(own.partner().lastName());
        assertNothingOf(page, other, "Today");
        page.navigate(stack.consoleUrl("/tasks"));
        assertThat(page.getByTestId("task").first()).isVisible();
        for (Locator task : page.getByTestId("task").all()) {
            assertThat(task).containsText(own.partner().lastName());
        }
        assertNothingOf(page, other, "Tasks");

        // The other clinic's links, pasted: "not found", and none of its data.
        Response referral = page.navigate(stack.consoleUrl("/referrals/" + other.receivedId()));
        assertThat(referral.status()).isEqualTo(404);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Referral not found");
        assertNothingOf(page, other, "the other clinic's referral");
        Response sent = page.navigate(stack.consoleUrl("/referrals/" + other.sentId()));
        assertThat(sent.status()).isEqualTo(404);
        assertNothingOf(page, other, "the other clinic's sent referral");
        Response partner = page.navigate(stack.consoleUrl("/partners/" + other.partner().id()));
        assertThat(partner.status()).isEqualTo(404);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Not found");
        assertNothingOf(page, other, "the other clinic's partner");
        Response edit = page.navigate(stack.consoleUrl("/partners/" + other.partner().id() + "/edit"));
        assertThat(edit.status()).isEqualTo(404);
        assertNothingOf(page, other, "the other clinic's partner form");
        Response tasks = page.navigate(stack.consoleUrl("/tasks?practitionerId=" + other.partner().id()));
        assertThat(page.getByTestId("task")).hasCount(0);
        assertThat(tasks.status()).isLessThan(500);
        assertNothingOf(page, other, "tasks of the other clinic's partner");
    }

    private static void search(Page page, String name) {
        page.getByLabel("Search by patient or partner").fill(name);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
        String typed = "q=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
        page.waitForURL(url -> url.endsWith(typed));
    }

    private static Locator rows(Page page) {
        return page.getByTestId("referral-row");
    }

    private static void assertNothingOf(Page page, Network other, String where) {
        String seen = page.locator("body").innerText();
        for (String text : List.of(other.patientFirst(), other.patientLast(), other.partner().firstName(),
                other.partner().lastName(), other.clinic())) {
            assertThat(seen).as("%s shows another clinic's %s", where, text).doesNotContain(text);
        }
    }
}
