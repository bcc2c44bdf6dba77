package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsRangeTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

    @Test
    void anEmptyRangeIsTheLastTwelveCalendarMonthsUpToToday() {
        AnalyticsRange range = AnalyticsRange.of(null, " ", null, TODAY);
        assertThat(range.valid()).isTrue();
        assertThat(range.from()).isEqualTo("2026-01-01");
        assertThat(range.to()).isEqualTo("2026-12-02");
        assertThat(range.query()).containsExactly(Map.entry("from", "2026-01-01"), Map.entry("to", "2026-12-02"));
        assertThat(range.pageHref(true)).isEqualTo("/analytics?from=2026-01-01&to=2026-12-02&scope=group");
    }

    @Test
    void aDayThatIsNotOneIsMarkedAtItsFieldAndKeptAsTyped() {
        AnalyticsRange range = AnalyticsRange.of("2026-02-30", "yesterday", "group", TODAY);
        assertThat(range.valid()).isFalse();
        assertThat(range.form().error("from")).contains("YYYY-MM-DD");
        assertThat(range.form().error("to")).contains("YYYY-MM-DD");
        assertThat(range.form().value("to")).isEqualTo("yesterday");
        assertThat(range.form().message()).isEqualTo("Please correct the 2 fields marked below.");
    }

    @Test
    void theGroupIsAskedForOnlyByNameAndTheCsvIsNamedForReportAndRange() {
        AnalyticsRange group = AnalyticsRange.of("2026-07-01", "2026-12-02", "group", TODAY);
        assertThat(group.query()).containsEntry("scope", "group");
        assertThat(group.csvFileName("revenue")).isEqualTo("revenue_2026-07-01_to_2026-12-02_group.csv");
        assertThat(AnalyticsRange.of("2026-07-01", "2026-12-02", "everything", TODAY).query()).doesNotContainKey("scope");
    }

    @Test
    void partnersGoneQuietAreAskedAsOfTheRangesLastDay() {
        AnalyticsRange range = AnalyticsRange.of("2026-07-01", "2026-12-02", null, TODAY);
        assertThat(AnalyticsReport.byId("dormant").orElseThrow().query(range)).containsOnly(Map.entry("asOf", "2026-12-02"));
        assertThat(AnalyticsReport.byId("referrals-by-month").orElseThrow().query(range))
                .containsEntry("by", "month").containsEntry("from", "2026-07-01");
    }

    @Test
    void theChartDrawsEachSeriesAsNumbersInTheServicesOrder() {
        AnalyticsReport revenue = AnalyticsReport.byId("revenue").orElseThrow();
        List<Doc> rows = List.of(new Doc(Map.of("practitionerName", "Maya Okafor", "billedRevenue", "240.50")),
                new Doc(Map.of("billedRevenue", "120.00")));
        Map<String, Object> chart = revenue.chart(rows);
        assertThat(chart.get("labels")).isEqualTo(List.of("Maya Okafor", "Unknown partner"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sets = (List<Map<String, Object>>) chart.get("datasets");
        assertThat(sets.get(0).get("data")).isEqualTo(List.of(new BigDecimal("240.50"), new BigDecimal("120.00")));
        assertThat(AnalyticsReport.percent("0.3333")).isEqualTo("33.33%");
    }
}
