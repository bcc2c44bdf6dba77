package app.rapport.console.browser;

import app.rapport.local.ServiceApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Analytics as a practice owner reads them: over a date range, each chart drawn in the browser
 * holds exactly what reports-service answers for that range, its table says the same, its CSV is
 * the service's own; a group administrator switches to the group roll-up, a front desk cannot.
 */
@ConsoleTest
class AnalyticsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    // About five months: every referral seeded below but Dr. Delgado's falls inside.
    private static final LocalDate FROM = TODAY.withDayOfMonth(1).minusMonths(5);
    private static final Map<String, String> SPECIALTY = Map.of("OB_GYN", "OB/GYN", "CHIROPRACTOR", "Chiropractor",
            "DOULA", "Doula", "FAMILY_PRACTICE", "Family practice", "PHYSICAL_THERAPIST", "Physical therapist");

    private static final Function<JsonNode, String> PARTNER = r -> r.path("practitionerName").isTextual()
            ? r.get("practitionerName").asText() : "Unknown partner";

    /** A chart of the page: the service's answer it draws, what labels its axis, and each plotted field with the table column showing it. */
    record Expected(String report, String apiPath, Function<JsonNode, String> label, Map<String, String> fieldColumns) {
    }

    private static List<Expected> charts(LocalDate from, LocalDate to, boolean group) {
        String range = "from=" + from + "&to=" + to + (group ? "&scope=group" : "");
        String asOf = "asOf=" + to + (group ? "&scope=group" : "");
        return List.of(
                new Expected("referrals-by-source", "/api/v1/analytics/referrals?by=source&" + range, PARTNER, Map.of("received", "Received")),
                new Expected("referrals-by-month", "/api/v1/analytics/referrals?by=month&" + range, r -> r.get("month").asText(),
                        Map.of("received", "Received")),
                new Expected("referrals-by-specialty", "/api/v1/analytics/referrals?by=specialty&" + range,
                        r -> SPECIALTY.getOrDefault(r.get("specialty").asText(), r.get("specialty").asText()), Map.of("received", "Received")),
                new Expected("conversion", "/api/v1/analytics/conversion?" + range, PARTNER,
                        orderedMap("received", "Received", "firstVisits", "First visits")),
                new Expected("revenue", "/api/v1/analytics/revenue?" + range, PARTNER,
                        orderedMap("billedRevenue", "Billed revenue", "net", "Net")),
                new Expected("partners", "/api/v1/analytics/partners?" + range, PARTNER, orderedMap("received", "Received", "sent", "Sent")),
                new Expected("dormant", "/api/v1/analytics/dormant?" + asOf, PARTNER, Map.of("daysSinceLastReferral", "Days since")),
                new Expected("thank-you-turnaround", "/api/v1/analytics/thank-you-turnaround?" + range, PARTNER,
                        Map.of("averageBusinessDays", "Average business days")));
    }

    @Test
    void everyChartDrawsWhatTheServiceAnswersForTheRangeWithItsTableAndItsCsv(ConsoleStack stack, Page page) throws IOException {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("analytics"));
        ClinicData other = stack.clinic(ClinicData.uniqueClinic("analytics-east"));
        seed(clinic, other);

        // A front desk: the clinic's own figures, no group switch.
        stack.signIn(page, StaffMember.of("frontdesk", clinic.clinic(), "staff"));
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Analytics")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Analytics").setLevel(1))).isVisible();
        assertThat(page.getByLabel("To", EXACT)).hasValue(TODAY.toString());
        assertThat(page.getByTestId("scope-group")).hasCount(0);

        page.getByLabel("From", EXACT).fill(FROM.toString());
        page.getByLabel("To", EXACT).fill(TODAY.toString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show")).click();
        page.waitForURL(url -> url.contains("from=" + FROM) && url.contains("to=" + TODAY));
        assertThat(page.getByTestId("chart")).hasCount(8);

        String token = clinic.token();
        for (Expected chart : charts(FROM, TODAY, false)) {
            sameAsTheService(stack, page, clinic, token, chart);
        }

        // What the front desk would check by eye: Dr. Delgado's referral is before the range, so she is
        // no source here but has gone quiet; the doula receives more from us than she sends.
        JsonNode bySource = api(clinic, token, "/api/v1/analytics/referrals?by=source&from=" + FROM + "&to=" + TODAY);
        assertThat(bySource.get("rows")).extracting(r -> r.get("practitionerName").asText() + "=" + r.get("received").asInt())
                .containsExactly("Maya Okafor=3", "Sven Lindqvist=2", "Ada Bello=1");
        assertThat(drawn(page, "dormant").get("labels")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("Rosa Delgado", "Ada Bello");
        Locator bello = page.locator("[data-report=partners] tbody tr").filter(new Locator.FilterOptions().setHasText("Ada Bello"));
        assertThat(bello.locator("td[data-label=Balance]")).hasText("-1");
        assertThat(page.locator("[data-report=revenue] tbody tr").filter(new Locator.FilterOptions().setHasText("Maya Okafor"))
                .locator("td[data-label='Billed revenue']")).hasText("240.50 USD");
        Locator lindqvistRevenue = page.locator("[data-report=revenue] tbody tr")
                .filter(new Locator.FilterOptions().setHasText("Sven Lindqvist"));
        assertThat(lindqvistRevenue.locator("td[data-label='Spent on the relationship']")).hasText("30.00 USD");
        assertThat(lindqvistRevenue.locator("td[data-label='Net']")).hasText("90.00 USD");
        // The trend has a point for every month of the range, a month without referrals at 0, never skipped.
        List<String> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(FROM); !m.isAfter(YearMonth.from(TODAY)); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        assertThat(drawn(page, "referrals-by-month").get("labels")).extracting(JsonNode::asText).containsExactlyElementsOf(months);
        Screenshots.save(page, "analytics");

        // The CSV is the service's own, named for the report and the range.
        for (String report : List.of("revenue", "partners")) {
            Download download = page.waitForDownload(() -> page.locator("[data-report=" + report + "] [data-testid=csv]").click());
            assertThat(download.suggestedFilename()).isEqualTo(report + "_" + FROM + "_to_" + TODAY + ".csv");
            String served = Files.readString(download.path());
            ServiceApi.Answer csv = clinic.reports().get("/api/v1/analytics/" + report + "?format=csv&from=" + FROM + "&to=" + TODAY, token);
            assertThat(csv.status()).isEqualTo(200);
            assertThat(served).isEqualTo(csv.body());
            assertThat(served).contains("Maya Okafor");
        }

        // At phone width the page keeps to the screen; tables scroll inside their box.
        Screenshots.usePhoneWidth(page);
        Screenshots.assertFitsTheScreen(page, "the analytics page");
        Screenshots.save(page, "analytics-phone");
        Screenshots.useDesktopWidth(page);

        // The roll-up is the service's to refuse: asked for by address, the front desk is told why nothing shows.
        page.navigate(stack.consoleUrl("/analytics?from=" + FROM + "&to=" + TODAY + "&scope=group"));
        assertThat(page.getByTestId("section-unavailable")).hasCount(8);
        assertThat(page.getByTestId("section-unavailable").first()).hasText("Not shown for your role.");
        assertThat(page.locator("canvas")).hasCount(0);

        // A day that is not one, and an end before the start: each message at its field, no 500.
        page.navigate(stack.consoleUrl("/analytics?from=2026-02-30&to=" + TODAY));
        assertThat(page.locator("[data-field-error=from]")).containsText("YYYY-MM-DD");
        assertThat(page.getByLabel("From", EXACT)).hasAttribute("aria-invalid", "true");
        assertThat(page.getByTestId("chart")).hasCount(0);
        page.navigate(stack.consoleUrl("/analytics?from=" + TODAY + "&to=" + FROM));
        assertThat(page.locator("[data-field-error=to]")).containsText("must not be before from");
        assertThat(page.getByLabel("From", EXACT)).hasValue(TODAY.toString());
    }

    @Test
    void aGroupAdministratorSwitchesToTheGroupRollUp(ConsoleStack stack, Page page) {
        ClinicData clinic = stack.clinic(ClinicData.uniqueClinic("analytics-group"));
        ClinicData other = stack.clinic(ClinicData.uniqueClinic("analytics-group-east"));
        seed(clinic, other);
        StaffMember admin = new StaffMember("groupadmin", "Grete Lund", clinic.clinic(), List.of("staff", "group-admin"),
                List.of(other.clinic()));
        stack.signIn(page, admin);
        page.navigate(stack.consoleUrl("/analytics?from=" + FROM + "&to=" + TODAY));
        assertThat(page.getByTestId("scope-clinic")).hasAttribute("aria-current", "page");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The whole group")).click();
        page.waitForURL(url -> url.contains("scope=group"));
        assertThat(page.getByTestId("scope-group")).hasAttribute("aria-current", "page");
        assertThat(page.getByTestId("rolled-up")).containsText(other.clinic());
        // The group admin's own token, as the console forwards it.
        String token = stack.provider().accessToken(admin);
        for (Expected chart : charts(FROM, TODAY, true)) {
            sameAsTheService(stack, page, clinic, token, chart);
        }
        // East's one referral, this month-and-a-half ago, joins the clinic's.
        assertThat(drawn(page, "referrals-by-source").get("labels")).extracting(JsonNode::asText).contains("Nadia Haddad", "Maya Okafor");
        assertThat(sum(drawn(page, "referrals-by-month"))).isEqualTo(7);
        Screenshots.save(page, "analytics-group");

        // Back to the clinic alone: its own six referrals in the range.
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("This clinic")).click();
        page.waitForURL(url -> !url.contains("scope=group"));
        assertThat(sum(drawn(page, "referrals-by-month"))).isEqualTo(6);
    }

    /** The chart's drawn data and its table equal the service's rows for the same question. */
    private void sameAsTheService(ConsoleStack stack, Page page, ClinicData clinic, String token, Expected expected) {
        JsonNode rows = api(clinic, token, expected.apiPath()).get("rows");
        assertThat(rows.size()).as("%s has rows to draw", expected.report()).isGreaterThan(0);
        JsonNode drawn = drawn(page, expected.report());

        List<String> labels = new ArrayList<>();
        rows.forEach(r -> labels.add(expected.label().apply(r)));
        assertThat(drawn.get("labels")).extracting(JsonNode::asText).as("%s labels", expected.report()).containsExactlyElementsOf(labels);
        List<String> fields = new ArrayList<>(expected.fieldColumns().keySet());
        assertThat(drawn.get("datasets")).as("%s data sets", expected.report()).hasSize(fields.size());
        for (int s = 0; s < fields.size(); s++) {
            List<BigDecimal> want = new ArrayList<>();
            String field = fields.get(s);
            rows.forEach(r -> want.add(new BigDecimal(r.get(field).asText())));
            List<BigDecimal> got = new ArrayList<>();
            drawn.get("datasets").get(s).get("data").forEach(n -> got.add(new BigDecimal(n.asText())));
            assertThat(got).as("%s %s", expected.report(), field).usingElementComparator(BigDecimal::compareTo).containsExactlyElementsOf(want);
        }

        Locator tableRows = page.locator("[data-report=" + expected.report() + "] tbody tr");
        assertThat(tableRows).hasCount(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Locator row = tableRows.nth(i);
            assertThat(row.getByRole(AriaRole.ROWHEADER)).hasText(labels.get(i));
            for (Map.Entry<String, String> column : expected.fieldColumns().entrySet()) {
                String value = rows.get(i).get(column.getKey()).asText();
                // Figures are digits, a sign and a point; revenue carries its currency after them.
                assertThat(row.locator("td[data-label='" + column.getValue() + "']")).hasText(
                        java.util.regex.Pattern.compile("^" + value.replace(".", "\\.") + "( [A-Z]{3})?$"));
            }
        }
    }

    /** What Chart.js holds for the chart: its labels and each data set's numbers. */
    private static JsonNode drawn(Page page, String report) {
        Object data = page.evaluate("id => { const c = Chart.getChart(document.getElementById(id));"
                + " return c ? { labels: c.data.labels, datasets: c.data.datasets.map(d => ({ label: d.label, data: d.data })) } : null; }",
                "chart-" + report);
        assertThat(data).as("%s is drawn", report).isNotNull();
        return JSON.valueToTree(data);
    }

    private static long sum(JsonNode chart) {
        long n = 0;
        for (JsonNode v : chart.get("datasets").get(0).get("data")) {
            n += v.asLong();
        }
        return n;
    }

    private static JsonNode api(ClinicData clinic, String token, String path) {
        ServiceApi.Answer answer = clinic.reports().get(path, token);
        assertThat(answer.status()).as("%s: %s", path, answer).isEqualTo(200);
        return answer.json();
    }

    /**
     * The clinic's year: Dr. Okafor (OB/GYN) referred three times, two patients came (two visits
     * and one); Dr. Lindqvist (chiropractor) twice, one patient came; Ada Bello (doula) once, long
     * enough ago to have gone quiet, and the clinic sent her two; Dr. Delgado referred once, before
     * the range. Three thank-yous were done today. The other clinic of the group had one referral.
     */
    private static void seed(ClinicData clinic, ClinicData other) {
        ClinicData.Partner okafor = clinic.registerPartner("Maya", "Okafor", "OB_GYN", "HANDWRITTEN_NOTE");
        ClinicData.Partner lindqvist = clinic.registerPartner("Sven", "Lindqvist", "CHIROPRACTOR", "EMAIL");
        ClinicData.Partner bello = clinic.registerPartner("Ada", "Bello", "DOULA", "PHONE");
        ClinicData.Partner delgado = clinic.registerPartner("Rosa", "Delgado", "FAMILY_PRACTICE", "EMAIL");

        String okafor1 = received(clinic, okafor, 10);
        String okafor2 = received(clinic, okafor, 40);
        received(clinic, okafor, 100);
        String lindqvist1 = received(clinic, lindqvist, 20);
        received(clinic, lindqvist, 70);
        String bello1 = received(clinic, bello, 130);
        received(clinic, delgado, 300);
        sent(clinic, okafor, 50);
        sent(clinic, bello, 60);
        sent(clinic, bello, 5);

        visits(clinic, okafor2, Map.of(35, "145.00", 28, "95.50"));
        visits(clinic, lindqvist1, Map.of(15, "120.00"));
        for (String referral : List.of(okafor1, lindqvist1, bello1)) {
            JsonNode task = clinic.awaitThankYouTask(referral);
            ServiceApi.Answer done = clinic.outreach().post("/api/v1/tasks/" + task.get("id").asText() + "/complete",
                    clinic.token(), Map.of("outcome", "Thanked them"));
            assertThat(done.status()).as("complete thank-you: %s", done).isEqualTo(200);
        }

        // Lunch for Dr. Lindqvist's office today: revenue per source is net of it.
        ServiceApi.Answer lunch = clinic.outreach().post("/api/v1/gifts", clinic.token(), Map.of("practitionerId", lindqvist.id(),
                "kind", "MEAL", "description", "Lunch for the office", "value", Map.of("amount", "30.00", "currency", "USD")));
        assertThat(lunch.status()).as("gift: %s", lunch).isEqualTo(201);

        ClinicData.Partner haddad = other.registerPartner("Nadia", "Haddad", "PHYSICAL_THERAPIST", "EMAIL");
        received(other, haddad, 45);

        // reports-service reads all of it from the events; wait until its figures are complete.
        String range = "from=" + FROM + "&to=" + TODAY;
        await().atMost(ClinicData.PROPAGATION).pollInterval(java.time.Duration.ofMillis(500)).until(() ->
                total(clinic, "/api/v1/analytics/referrals?by=source&" + range, "received") == 6
                        && named(clinic, "/api/v1/analytics/referrals?by=source&" + range)
                        && total(clinic, "/api/v1/analytics/partners?" + range, "sent") == 3
                        && total(clinic, "/api/v1/analytics/revenue?" + range, "visits") == 3
                        && clinic.reports().get("/api/v1/analytics/revenue?" + range, clinic.token()).json()
                                .findValues("spent").stream().anyMatch(v -> v.asText().equals("30.00"))
                        && total(clinic, "/api/v1/analytics/thank-you-turnaround?" + range, "thankYous") == 3
                        && named(clinic, "/api/v1/analytics/dormant?asOf=" + TODAY)
                        && total(clinic, "/api/v1/analytics/dormant?asOf=" + TODAY, "received") == 2
                        && total(other, "/api/v1/analytics/referrals?by=source&" + range, "received") == 1
                        && named(other, "/api/v1/analytics/referrals?by=source&" + range));
    }

    private static String received(ClinicData clinic, ClinicData.Partner partner, int daysAgo) {
        Map<String, Object> body = ClinicData.referralBody("RECEIVED", partner.id());
        body.put("referredOn", TODAY.minusDays(daysAgo).toString());
        return clinic.createReferral(body);
    }

    private static void sent(ClinicData clinic, ClinicData.Partner partner, int daysAgo) {
        Map<String, Object> body = ClinicData.referralBody("SENT", partner.id());
        body.put("channel", "EMAIL");
        body.put("referredOn", TODAY.minusDays(daysAgo).toString());
        clinic.createReferral(body);
    }

    /**
     * Accepted and scheduled on the day of the first visit (entered afterwards, as a referral taken over
     * from paper is), then a visit on each of the days (days ago → billed amount in USD).
     */
    private static void visits(ClinicData clinic, String referralId, Map<Integer, String> billed) {
        String firstVisit = TODAY.minusDays(billed.keySet().stream().max(Integer::compare).orElseThrow()).toString();
        for (String to : List.of("ACCEPTED", "SCHEDULED")) {
            ServiceApi.Answer moved = clinic.referrals().post("/api/v1/referrals/" + referralId + "/transitions", clinic.token(),
                    Map.of("to", to, "reason", "Front desk booked the evaluation", "occurredOn", firstVisit));
            assertThat(moved.status()).as("%s: %s", to, moved).isEqualTo(200);
        }
        billed.entrySet().stream().sorted(Map.Entry.<Integer, String>comparingByKey().reversed()).forEach(v -> {
            ServiceApi.Answer visit = clinic.referrals().post("/api/v1/referrals/" + referralId + "/visits", clinic.token(),
                    Map.of("visitDate", TODAY.minusDays(v.getKey()).toString(), "type", "TREATMENT",
                            "billedAmount", Map.of("amount", v.getValue(), "currency", "USD")));
            assertThat(visit.status()).as("visit: %s", visit).isEqualTo(201);
        });
    }

    private static long total(ClinicData clinic, String path, String field) {
        ServiceApi.Answer answer = clinic.reports().get(path, clinic.token());
        if (answer.status() != 200) {
            return -1;
        }
        long n = 0;
        for (JsonNode r : answer.json().get("rows")) {
            n += r.get(field).asLong();
        }
        return n;
    }

    /** Every row has its partner's name: the directory copy has caught up. */
    private static boolean named(ClinicData clinic, String path) {
        ServiceApi.Answer answer = clinic.reports().get(path, clinic.token());
        if (answer.status() != 200) {
            return false;
        }
        for (JsonNode r : answer.json().get("rows")) {
            if (!r.path("practitionerName").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> orderedMap(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
