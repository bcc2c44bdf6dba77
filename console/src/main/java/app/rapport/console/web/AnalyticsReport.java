package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One chart of the analytics page and the reports-service answer it draws: which rows label the
 * axis, which fields are plotted, and which columns the table beside it shows. The chart and the
 * table read the same rows, so the table is the chart's accessible twin.
 */
public record AnalyticsReport(String id, String title, String explain, String path, Map<String, String> params,
                              String chartType, Function<Doc, String> label, List<Series> series, List<Column> columns) {

    /** A plotted field: its legend and the row field it reads (a number, or a decimal string). */
    public record Series(String legend, String field) {
    }

    /** A table column: its heading and how a row's cell reads. */
    public record Column(String heading, Function<Doc, String> cell, boolean number) {
        static Column text(String heading, Function<Doc, String> cell) {
            return new Column(heading, cell, false);
        }

        static Column number(String heading, String field) {
            return new Column(heading, r -> r.str(field), true);
        }
    }

    static final Function<Doc, String> PARTNER = r -> r.str("practitionerName", "Unknown partner");
    static final Function<Doc, String> SPECIALTY = r -> PartnerForm.label(r.str("specialty"));

    /** The page's charts, in the order the issue names them. */
    public static final List<AnalyticsReport> ALL = List.of(
            new AnalyticsReport("referrals-by-source", "Referrals by source",
                    "Referrals received from each partner.", "/api/v1/analytics/referrals", Map.of("by", "source"), "bar",
                    PARTNER, List.of(new Series("Referrals received", "received")),
                    List.of(Column.text("Partner", PARTNER), Column.text("Specialty", SPECIALTY),
                            Column.number("Received", "received"))),
            new AnalyticsReport("referrals-by-month", "Referrals by month",
                    "Referrals received in each month of the range, none counted as 0.", "/api/v1/analytics/referrals", Map.of("by", "month"), "line",
                    r -> r.str("month"), List.of(new Series("Referrals received", "received")),
                    List.of(Column.text("Month", r -> r.str("month")), Column.number("Received", "received"))),
            new AnalyticsReport("referrals-by-specialty", "Referrals by specialty",
                    "Referrals received, by the referring partner's specialty.", "/api/v1/analytics/referrals",
                    Map.of("by", "specialty"), "bar", SPECIALTY, List.of(new Series("Referrals received", "received")),
                    List.of(Column.text("Specialty", SPECIALTY), Column.number("Received", "received"))),
            new AnalyticsReport("conversion", "Conversion to a first visit",
                    "Of the referrals each partner sent, how many patients came for a first visit, and how soon.",
                    "/api/v1/analytics/conversion", Map.of(), "bar", PARTNER,
                    List.of(new Series("Referrals received", "received"), new Series("First visits", "firstVisits")),
                    List.of(Column.text("Partner", PARTNER), Column.number("Received", "received"),
                            Column.number("First visits", "firstVisits"),
                            new Column("Conversion", r -> percent(r.str("conversionRate")), true),
                            new Column("Average days to first visit", r -> r.str("averageDaysToFirstVisit", "—"), true))),
            new AnalyticsReport("revenue", "Revenue per source",
                    "Billed revenue of the visits in the range, by the partner who referred the patient, less what the "
                            + "clinic spent on that relationship (gifts and invitations not declined).",
                    "/api/v1/analytics/revenue", Map.of(), "bar", PARTNER,
                    List.of(new Series("Billed revenue", "billedRevenue"), new Series("Net", "net")),
                    List.of(Column.text("Partner", PARTNER), Column.number("Patients", "referrals"),
                            Column.number("Visits", "visits"),
                            new Column("Billed revenue", r -> money(r, "billedRevenue"), true),
                            new Column("Spent on the relationship", r -> money(r, "spent"), true),
                            new Column("Net", r -> money(r, "net"), true))),
            new AnalyticsReport("partners", "Sent and received per partner",
                    "Referrals each partner sent us and we sent them; a negative balance means we send more than we receive.",
                    "/api/v1/analytics/partners", Map.of(), "bar", PARTNER,
                    List.of(new Series("Received from them", "received"), new Series("Sent to them", "sent")),
                    List.of(Column.text("Partner", PARTNER), Column.number("Received", "received"), Column.number("Sent", "sent"),
                            Column.number("Balance", "balance"), Column.text("Last referral", r -> Forms.day(r.str("lastReferralOn"))))),
            new AnalyticsReport("dormant", "Partners gone quiet",
                    "Partners who referred before but not for longer than the clinic's quiet period, as of the range's last day.",
                    "/api/v1/analytics/dormant", Map.of(), "bar", PARTNER,
                    List.of(new Series("Days since their last referral", "daysSinceLastReferral")),
                    List.of(Column.text("Partner", PARTNER), Column.text("Specialty", SPECIALTY),
                            Column.text("Last referral", r -> Forms.day(r.str("lastReferralOn"))),
                            Column.number("Days since", "daysSinceLastReferral"), Column.number("Referrals in all", "received"))),
            new AnalyticsReport("thank-you-turnaround", "Thank-you turnaround",
                    "Business days from a referral received to its thank-you done, per partner.",
                    "/api/v1/analytics/thank-you-turnaround", Map.of(), "bar", PARTNER,
                    List.of(new Series("Average business days", "averageBusinessDays")),
                    List.of(Column.text("Partner", PARTNER), Column.number("Thank-yous", "thankYous"),
                            Column.number("Average business days", "averageBusinessDays"),
                            Column.number("Slowest", "maxBusinessDays"), Column.number("Within 2 business days", "withinTwoBusinessDays"))));

    public static Optional<AnalyticsReport> byId(String id) {
        return ALL.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The query for this report over the range: partners gone quiet are counted as of its last day. */
    public Map<String, Object> query(AnalyticsRange range) {
        Map<String, Object> q = new LinkedHashMap<>(range.query());
        if (id.equals("dormant")) {
            q.remove("from");
            q.put("asOf", q.remove("to"));
        }
        q.putAll(params);
        return q;
    }

    /** What the browser draws: labels, one data set per series, and a line saying what the chart shows. */
    public Map<String, Object> chart(List<Doc> rows) {
        List<String> labels = rows.stream().map(label).toList();
        List<Map<String, Object>> datasets = new ArrayList<>();
        for (Series s : series) {
            datasets.add(Map.of("label", s.legend(), "data", rows.stream().map(r -> number(r, s.field())).toList()));
        }
        return Map.of("type", chartType, "labels", labels, "datasets", datasets);
    }

    private static BigDecimal number(Doc row, String field) {
        String v = row.str(field);
        return v.isEmpty() ? BigDecimal.ZERO : new BigDecimal(v);
    }

    /** {@code 0.5} → "50%". */
    static String percent(String rate) {
        if (rate == null || rate.isEmpty()) {
            return "";
        }
        return new BigDecimal(rate).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    /** "240.50 USD": an amount with its currency, never added to another currency's. */
    private static String money(Doc row, String field) {
        return (row.str(field) + " " + row.str("currency")).strip();
    }
}
