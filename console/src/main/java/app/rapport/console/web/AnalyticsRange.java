package app.rapport.console.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analytics page's question as its bookmarkable URL asks it: the days (inclusive) and whether
 * the clinic alone or the group roll-up is read. Left empty, the range is the last twelve calendar
 * months up to today, so the trend by month starts on a month's first day.
 */
public record AnalyticsRange(String from, String to, boolean group, FormState form) {

    public static final String CLINIC = "clinic";
    public static final String GROUP = "group";

    public static AnalyticsRange of(String from, String to, String scope, LocalDate today) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("from", blank(from) ? today.withDayOfMonth(1).minusMonths(11).toString() : from.trim());
        values.put("to", blank(to) ? today.toString() : to.trim());
        Map<String, String> errors = new LinkedHashMap<>();
        // The console only checks that it has days to ask about; whether they make a range is the service's to say.
        values.forEach((field, value) -> {
            try {
                LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.put(field, "Enter a day as YYYY-MM-DD, e.g. " + today);
            }
        });
        String message = errors.isEmpty() ? "" : "Please correct the " + (errors.size() == 1 ? "field" : errors.size() + " fields") + " marked below.";
        return new AnalyticsRange(values.get("from"), values.get("to"), GROUP.equals(scope),
                new FormState(values, errors, message, Forms.newId()));
    }

    /** The same range, its form showing what the service refused. */
    public AnalyticsRange refused(app.rapport.console.services.ServiceProblem problem) {
        return new AnalyticsRange(from, to, group, FormState.refused(form.values(), problem));
    }

    public boolean valid() {
        return form.errors().isEmpty();
    }

    public String scope() {
        return group ? GROUP : CLINIC;
    }

    /** What every analytics call sends; {@code scope} only when the group is asked for. */
    public Map<String, Object> query() {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("from", from);
        q.put("to", to);
        if (group) {
            q.put("scope", GROUP);
        }
        return q;
    }

    /** The page, or a CSV download, for this range in the given scope. */
    public String href(String path, boolean inGroup) {
        return path + "?from=" + enc(from) + "&to=" + enc(to) + (inGroup ? "&scope=" + GROUP : "");
    }

    public String pageHref(boolean inGroup) {
        return href("/analytics", inGroup);
    }

    public String csvHref(String report) {
        return href("/analytics/csv/" + report, group);
    }

    /** {@code revenue_2025-12-01_to_2026-11-30.csv}, with {@code _group} for a roll-up. */
    public String csvFileName(String report) {
        return report + "_" + from + "_to_" + to + (group ? "_group" : "") + ".csv";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
