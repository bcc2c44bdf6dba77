package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The partner screens and the task list as the front desk uses them: entering a partner (and
 * being told which field is wrong), editing, "who else do you trust?", the partner's timeline,
 * whom to approach for a focus; then the task list's filters, rescheduling in a row, and a
 * proposed gesture approved within the yearly gift allowance.
 */
@ConsoleTest
class PartnersAndTasksIT {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

    @Test
    void theFrontDeskEntersAPartnerEditsItRecordsAnIntroductionAndFollowsTheTimeline(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("partners"));
        String email = "ingrid.solberg-" + UUID.randomUUID().toString().substring(0, 8) + "@birthwise.example.com";
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        // The directory is empty; the front desk enters their first partner.
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Partners")).click();
        assertThat(page.getByTestId("empty")).containsText("No partners yet");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("New partner")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New partner"))).isVisible();

        // A mistyped NPI and e-mail: each message at its field, everything typed kept.
        page.getByLabel("First name").fill("Ingrid");
        page.getByLabel("Last name").fill("Solberg");
        page.getByLabel("Credentials").fill("CD(DONA)");
        page.getByLabel("Specialty").selectOption("DOULA");
        page.getByLabel("NPI").fill("12345");
        page.getByLabel("E-mail").fill("ingrid.solberg-at-birthwise");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
        assertThat(page.locator("[data-field-error=npi]")).containsText("10-digit NPI");
        assertThat(page.locator("[data-field-error=email]")).isVisible();
        assertThat(page.getByLabel("NPI")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("First name")).hasValue("Ingrid");
        assertThat(page.locator("#form-message")).containsText("Please correct the 2 fields");
        Screenshots.save(page, "partner-form");

        // Corrected: the partner's page, with what was entered.
        page.getByLabel("NPI").fill("1245319599");
        page.getByLabel("E-mail").fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
        page.waitForURL(url -> url.matches(".*/partners/[0-9a-f-]{36}$"));
        String partnerId = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(page.locator("#notice")).containsText("Partner saved");
        assertThat(page.getByTestId("partner-name")).hasText("Ingrid Solberg, CD(DONA)");
        assertThat(page.locator("main")).containsText("1245319599");
        assertThat(page.locator("main")).containsText(email);

        // Edited: a new organization shows on her page.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit or archive")).click();
        assertThat(page.getByLabel("E-mail")).hasValue(email);
        page.getByLabel("Organization").fill("Birthwise Doula Collective");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
        page.waitForURL(stack.consoleUrl("/partners/" + partnerId));
        assertThat(page.locator(".page-head")).containsText("Birthwise Doula Collective");

        // "Who else do you trust?": the introduced massage therapist is on the timeline and in the directory.
        Locator intro = page.locator("#introductions");
        intro.getByLabel("First name").fill("Hana");
        intro.getByLabel("Last name").fill("Whitfield");
        intro.getByLabel("Specialty").selectOption("MASSAGE_THERAPIST");
        intro.getByLabel("Note").fill("Works with her clients after birth");
        intro.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Record introduction")).click();
        assertThat(page.locator("#notice")).containsText("Hana Whitfield is in the directory as a prospect");
        assertThat(page.locator("[data-testid=timeline-entry][data-kind=introduction]"))
                .containsText("Introduced Hana Whitfield (Massage therapist)");

        // A referral received from her: on the timeline, with its thank-you.
        ClinicData.Partner ingrid = new ClinicData.Partner(partnerId, "Ingrid", "Solberg", email);
        String referralId = clinic.receiveReferral(ingrid);
        clinic.awaitThankYouTask(referralId);
        page.navigate(stack.consoleUrl("/partners/" + partnerId));
        assertThat(page.locator("[data-testid=timeline-entry][data-kind=referral]")).containsText("Referral received");
        assertThat(page.locator("[data-testid=timeline-entry][data-kind=referral]")).containsText("Elena Marsh");
        assertThat(page.locator("[data-testid=timeline-entry][data-kind=task]")).containsText("Thank you to do");
        assertThat(page.getByTestId("timeline-missing")).hasCount(0);
        Screenshots.save(page, "partner");

        page.navigate(stack.consoleUrl("/partners"));
        assertThat(page.getByTestId("partner-row")).hasCount(2);
        Locator hana = page.getByTestId("partner-row").filter(new Locator.FilterOptions().setHasText("Hana Whitfield"));
        assertThat(hana.getByTestId("stage")).hasText("Prospect");
        assertThat(page.getByTestId("partner-row").filter(new Locator.FilterOptions().setHasText("Ingrid Solberg")))
                .containsText("Birthwise Doula Collective");
        Screenshots.save(page, "partners");

        // Whom to approach for women's health: its specialties, and Ingrid the doula among the partners known.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Whom to approach")).click();
        page.getByTestId("focus").filter(new Locator.FilterOptions().setHasText("Womens health")).click();
        assertThat(page.getByTestId("target-specialty")).containsText(new String[] {"OB/GYN", "Doula"});
        assertThat(page.getByTestId("partner-row")).containsText("Ingrid Solberg");
        Screenshots.save(page, "partner-targets");
    }

    @Test
    void theTaskListFiltersReschedulesAndApprovesAGestureWithinTheAllowance(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("tasks"));
        // A doula (not a physician) who referred three patients this month: outreach-service's
        // RepeatReferrer rule (3 referrals within 90 days by default) proposes a gesture.
        ClinicData.Partner doula = registerDoula(clinic, "Beatrix", "Lindqvist");
        List<String> referrals = List.of(clinic.receiveReferral(doula), clinic.receiveReferral(doula),
                clinic.receiveReferral(doula));
        referrals.forEach(clinic::awaitThankYouTask);
        JsonNode gesture = awaitGesture(clinic, doula);
        assertThat(gesture.path("status").asText()).isEqualTo("PROPOSED");

        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.navigate(stack.consoleUrl("/tasks"));
        Locator tasks = page.getByTestId("task");
        assertThat(tasks).hasCount(4);
        Screenshots.save(page, "tasks");

        // By type: the gesture only.
        page.getByLabel("Type").selectOption("GESTURE");
        show(page, "type=GESTURE&status=&");
        assertThat(tasks).hasCount(1);
        assertThat(tasks.first()).containsText("Gesture");
        assertThat(tasks.first().getByTestId("status")).hasText("Proposed");

        // By type and status: the three open thank-yous, none proposed.
        page.getByLabel("Type").selectOption("THANK_YOU");
        page.getByLabel("Status").selectOption("OPEN");
        show(page, "type=THANK_YOU&status=OPEN&");
        assertThat(tasks).hasCount(3);
        for (Locator t : tasks.all()) {
            assertThat(t).containsText("Thank you");
            assertThat(t.getByTestId("status")).hasText("Open");
        }
        page.getByLabel("Status").selectOption("PROPOSED");
        show(page, "type=THANK_YOU&status=PROPOSED&");
        assertThat(page.getByTestId("empty")).containsText("No task matches these filters");

        // A thank-you moved through its row: the row shows the new date, the list stays where it is.
        page.getByLabel("Status").selectOption("OPEN");
        show(page, "type=THANK_YOU&status=OPEN&");
        Locator first = tasks.first();
        String taskId = first.getAttribute("id").substring("task-".length());
        LocalDate newDate = nextWeekday(LocalDate.now().plusDays(20));
        first.locator("summary", new Locator.LocatorOptions().setHasText("Reschedule…")).click();
        page.locator("#dueOn-" + taskId).fill(newDate.toString());
        page.locator("#reschedule-reason-" + taskId).fill("She is away until the end of the month");
        first.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reschedule")).click();
        Locator moved = page.locator("#task-" + taskId);
        assertThat(moved).containsText("due " + DAY.format(newDate));
        assertThat(moved).containsText("Moved to " + newDate);
        ServiceApi.Answer task = clinic.outreach().get("/api/v1/tasks/" + taskId, clinic.token());
        assertThat(task.text("dueOn")).isEqualTo(newDate.toString());

        // The proposed gesture shows what is left of the year's allowance before anyone approves it.
        page.getByLabel("Type").selectOption("GESTURE");
        page.getByLabel("Status").selectOption("PROPOSED");
        show(page, "type=GESTURE&status=PROPOSED&");
        Locator row = page.locator("#task-" + gesture.path("id").asText());
        assertThat(row.getByTestId("allowance")).containsText("535.00 USD left of 535.00 USD (0.00 given)");

        // Over the allowance: refused in words, in the row, nothing recorded.
        row.getByLabel("Gift").selectOption("GIFT_BASKET");
        row.getByLabel("Description").fill("A basket for the whole practice");
        row.getByLabel("Value").fill("600");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve gift")).click();
        assertThat(row.getByTestId("task-refusal")).containsText("over the yearly cap of 535.00 USD");
        assertThat(row.getByTestId("task-refusal")).containsText("535.00 USD remain this year");
        assertThat(row.getByTestId("status")).hasText("Proposed");
        assertThat(clinic.all(clinic.outreach(), "/api/v1/gifts?practitionerId=" + doula.id())).isEmpty();

        // A lunch for the office, within it: recorded, and the allowance goes down by it.
        row.getByLabel("Gift").selectOption("MEAL");
        row.getByLabel("Description").fill("Lunch for the office");
        row.getByLabel("Value").fill("45.50");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Approve gift")).click();
        assertThat(row).containsText("Gift recorded: MEAL 45.50");
        assertThat(row.getByTestId("status")).not().hasText("Proposed");
        List<JsonNode> gifts = clinic.all(clinic.outreach(), "/api/v1/gifts?practitionerId=" + doula.id());
        assertThat(gifts).hasSize(1);
        assertThat(gifts.get(0).path("value").path("amount").asText()).isEqualTo("45.50");
        page.navigate(stack.consoleUrl("/partners/" + doula.id()));
        assertThat(page.locator("#stage [data-testid=allowance]")).containsText("489.50 USD left of 535.00 USD (45.50 given)");
        assertThat(page.locator("[data-testid=timeline-entry][data-kind=gift]")).containsText("Lunch for the office");

        page.navigate(stack.consoleUrl("/tasks"));
        Screenshots.usePhoneWidth(page);
        assertThat(tasks.first()).isVisible();
        Screenshots.save(page, "tasks-phone");
    }

    /** Presses "Show" and waits for the list the filters ask for ({@code type=GESTURE&status=&…} in the address). */
    /** A partner archived by mistake (or back from a sabbatical) is restored, and referrals may name them again. */
    /**
     * Two of the front desk open the same partner's edit page; the first saves. The second's save is
     * held back: what she typed stays in the form, the page says at the top that someone else saved
     * since she opened it and shows what they saved; saving again then replaces it knowingly.
     */
    @Test
    void aSaveOverSomeoneElsesNewerSaveKeepsWhatWasTypedAndSaysSo(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("both-edit"));
        ClinicData.Partner partner = clinic.registerPartner("Haugen");
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        try (var otherDesk = stack.newBrowserContext()) {
            Page other = otherDesk.newPage();
            stack.signIn(other, StaffMember.of("backoffice", clinic.clinic(), "staff"));
            page.navigate(stack.consoleUrl("/partners/" + partner.id() + "/edit"));
            other.navigate(stack.consoleUrl("/partners/" + partner.id() + "/edit"));

            other.getByLabel("Notes").fill("Prefers reports by fax");
            other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
            other.waitForURL(stack.consoleUrl("/partners/" + partner.id()));
            assertThat(other.locator("#notice")).containsText("Partner saved");

            page.getByLabel("Notes").fill("Lunch meetings on Thursdays");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
            assertThat(page.locator("#form-message")).containsText("Someone else saved this partner since you opened it");
            assertThat(page.getByLabel("Notes")).hasValue("Lunch meetings on Thursdays");
            assertThat(page.getByTestId("saved-by-others")).containsText("Prefers reports by fax");
            Screenshots.save(page, "partner-saved-by-someone-else");
            assertThat(clinic.contacts().get("/api/v1/practitioners/" + partner.id(), clinic.token()).json()
                    .path("notes").asText()).isEqualTo("Prefers reports by fax");

            // Having seen theirs, she saves hers over it.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save partner")).click();
            page.waitForURL(stack.consoleUrl("/partners/" + partner.id()));
            assertThat(page.locator("#notice")).containsText("Partner saved");
            assertThat(clinic.contacts().get("/api/v1/practitioners/" + partner.id(), clinic.token()).json()
                    .path("notes").asText()).isEqualTo("Lunch meetings on Thursdays");
        }
    }

    @Test
    void anArchivedPartnerIsRestoredAndCanBeReferredFromAgain(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("restore"));
        ClinicData.Partner partner = clinic.registerPartner("Castillo");
        clinic.receiveReferral(partner); // referrals-service knows her before she is archived
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));

        page.navigate(stack.consoleUrl("/partners/" + partner.id()));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit or archive")).click();
        page.getByLabel("Reason").fill("On sabbatical");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Archive")).click();
        page.waitForURL(stack.consoleUrl("/partners/" + partner.id()));
        assertThat(page.getByTestId("archived")).containsText("On sabbatical");
        // Archived reaches referrals-service: a referral naming her is refused there.
        Map<String, Object> another = ClinicData.referralBody("RECEIVED", partner.id());
        await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() -> {
            ServiceApi.Answer answer = clinic.referrals().post("/api/v1/referrals", clinic.token(), another);
            return answer.status() == 422 && answer.body().contains("archived");
        });

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Restore this partner")).click();
        page.waitForURL(stack.consoleUrl("/partners/" + partner.id()));
        assertThat(page.locator("#notice")).containsText("Partner restored");
        assertThat(page.getByTestId("archived")).hasCount(0);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Edit or archive"))).isVisible();

        // The same partner, in use again: referrals-service takes a referral naming her.
        String referral = clinic.createReferral(another);
        assertThat(clinic.referrals().get("/api/v1/referrals/" + referral, clinic.token()).json()
                .path("practitioner").path("id").asText()).isEqualTo(partner.id());
    }

    private static void show(Page page, String query) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
        page.waitForURL(url -> url.contains("/tasks?" + query));
    }

    /** A doula with no physician's credentials: the gift ledger's cap for other recipients applies. */
    private static ClinicData.Partner registerDoula(ClinicData clinic, String firstName, String lastName) {
        String email = lastName.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8) + "@doulas.example.com";
        ServiceApi.Answer created = clinic.contacts().post("/api/v1/practitioners", clinic.token(), Map.of(
                "firstName", firstName, "lastName", lastName, "credentials", "CD(DONA)", "specialty", "DOULA",
                "organization", "Lakeview Doulas", "email", email, "preferredThankYouChannel", "EMAIL"));
        assertThat(created.status()).as("register the doula: %s", created).isEqualTo(201);
        assertThat(created.json().path("physician").asBoolean()).as("a doula is not a physician").isFalse();
        return new ClinicData.Partner(created.text("id"), firstName, lastName, email);
    }

    private static JsonNode awaitGesture(ClinicData clinic, ClinicData.Partner partner) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(ClinicData.PROPAGATION).pollInterval(Duration.ofMillis(300)).until(() -> {
            found[0] = clinic.all(clinic.outreach(), "/api/v1/tasks?type=GESTURE&practitionerId=" + partner.id())
                    .stream().findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static LocalDate nextWeekday(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }
}
