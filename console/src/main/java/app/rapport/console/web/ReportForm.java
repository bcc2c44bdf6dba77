package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The progress-report composer and the consent form, as reports-service reads them. Goals and
 * measures are rows named by their JSON path ({@code goals[0].goal}), so a refusal's
 * {@code errors[].field} lands on the input of the row it is about.
 */
public final class ReportForm {

    /**
     * Rows the composer offers at least; content with more (written over the API) shows them all,
     * so saving it again from the console loses none. The caps are the service's list limits.
     */
    public static final int GOAL_ROWS = 3;
    public static final int MEASURE_ROWS = 3;
    public static final int REFERENCE_ROWS = 2;
    /** Every member of ReportContent's rows: saving replaces the whole content, so each has an input. */
    public static final List<String> GOAL_FIELDS = List.of("goal", "anticipatedOutcome", "targetDate");
    public static final List<String> MEASURE_FIELDS = List.of("name", "unit", "baseline", "current", "loinc",
            "baselineOn", "measuredOn");
    public static final List<String> REFERENCE_FIELDS = List.of("citation", "url");
    public static final List<String> REPORT_TYPES = List.of("INITIAL", "PROGRESS", "DISCHARGE");
    public static final List<String> OBTAINED_VIA = List.of("WRITTEN_FORM", "ELECTRONIC_SIGNATURE", "PATIENT_PORTAL",
            "VERBAL_DOCUMENTED");
    public static final List<String> CHANNELS = List.of("EMAIL", "PRINT", "FAX");
    public static final List<String> TEXT_FIELDS = List.of("treatmentPlanned", "rationale", "visitsPerWeek",
            "durationWeeks", "history", "examination", "diagnosisCodes", "diagnosisNarrative", "coverLetter");
    private static final Map<String, Integer> MAX_ROWS = Map.of("goals", 20, "measures", 30, "references", 20);

    private ReportForm() {
    }

    /** How many rows of {@code list} ({@code goals}, {@code measures}) the values fill, at least {@code minimum}. */
    public static int rowsIn(Map<String, String> values, String list, int minimum) {
        int rows = minimum;
        int cap = MAX_ROWS.get(list);
        for (String key : values.keySet()) {
            if (key.startsWith(list + "[")) {
                int end = key.indexOf(']');
                try {
                    rows = Math.max(rows, Math.min(cap, Integer.parseInt(key.substring(list.length() + 1, end)) + 1));
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    // not a row of this list
                }
            }
        }
        return rows;
    }

    /** Every field the composer has an input (or a fieldset) for, so no message of the service is lost. */
    public static List<String> contentFields(int goalRows, int measureRows, int referenceRows) {
        List<String> fields = new ArrayList<>(TEXT_FIELDS);
        fields.addAll(List.of("goals", "measures", "references"));
        rowFields(fields, "goals", goalRows, GOAL_FIELDS);
        rowFields(fields, "measures", measureRows, MEASURE_FIELDS);
        rowFields(fields, "references", referenceRows, REFERENCE_FIELDS);
        return fields;
    }

    private static void rowFields(List<String> into, String list, int rows, List<String> fields) {
        for (int i = 0; i < rows; i++) {
            for (String f : fields) {
                into.add(row(list, i, f));
            }
        }
    }

    /** A row's input name as the service names its member: {@code measures[1].baselineOn}. */
    public static String row(String list, int row, String field) {
        return list + "[" + row + "]." + field;
    }

    public static String goal(int row, String field) {
        return row("goals", row, field);
    }

    public static String measure(int row, String field) {
        return row("measures", row, field);
    }

    public static String reference(int row, String field) {
        return row("references", row, field);
    }

    /**
     * ReportContent's JSON. Rows left empty at the end are dropped; an empty row between filled
     * ones is sent as it is, so the service's message names the row the person sees.
     */
    public static Map<String, Object> contentBody(Map<String, String> form) {
        Map<String, String> plain = new LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            plain.put(f, form.getOrDefault(f, ""));
        }
        Map<String, Object> body = FormJson.body(plain, Set.of("diagnosisCodes"));
        number(body, "visitsPerWeek", false);
        number(body, "durationWeeks", false);
        List<Map<String, Object>> goals = rows(form, "goals", rowsIn(form, "goals", GOAL_ROWS), GOAL_FIELDS);
        List<Map<String, Object>> measures = rows(form, "measures", rowsIn(form, "measures", MEASURE_ROWS), MEASURE_FIELDS);
        measures.forEach(m -> {
            number(m, "baseline", true);
            number(m, "current", true);
        });
        if (!goals.isEmpty()) {
            body.put("goals", goals);
        }
        if (!measures.isEmpty()) {
            body.put("measures", measures);
        }
        List<Map<String, Object>> references = rows(form, "references", rowsIn(form, "references", REFERENCE_ROWS),
                REFERENCE_FIELDS);
        if (!references.isEmpty()) {
            body.put("references", references);
        }
        return body;
    }

    /** The saved content as the composer's values, to go on writing it. */
    public static Map<String, String> valuesOf(Doc content) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            values.put(f, content.str(f));
        }
        values.put("diagnosisCodes", String.join(", ", content.strs("diagnosisCodes")));
        rowValues(values, content, "goals", GOAL_FIELDS);
        rowValues(values, content, "measures", MEASURE_FIELDS);
        rowValues(values, content, "references", REFERENCE_FIELDS);
        return values;
    }

    private static void rowValues(Map<String, String> into, Doc content, String list, List<String> fields) {
        List<Doc> rows = content.docs(list);
        for (int i = 0; i < Math.min(rows.size(), MAX_ROWS.get(list)); i++) {
            for (String f : fields) {
                into.put(row(list, i, f), rows.get(i).str(f));
            }
        }
    }

    /**
     * A consent's standing in words, as reports-service judged it today in the clinic's time zone
     * (this machine's date may be another day): Valid, Starts Thu 5 Mar 2026, Expired on …, Revoked.
     */
    public static String consentStanding(Doc consent) {
        return switch (consent.str("status")) {
            case "VALID" -> "Valid";
            case "NOT_YET_VALID" -> "Starts " + Forms.day(consent.str("validFrom"));
            // Valid through its last day, so it expired the day after.
            case "EXPIRED" -> "Expired on " + Forms.day(dayAfter(consent.str("validTo")));
            case "REVOKED" -> "Revoked";
            default -> Forms.words(consent.str("status"));
        };
    }

    private static String dayAfter(String isoDate) {
        try {
            return LocalDate.parse(isoDate).plusDays(1).toString();
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    /** NewConsent's JSON for this report's patient and recipient; the scope from one checkbox per report type. */
    public static Map<String, Object> consentBody(Map<String, String> form, String patientReference, String practitionerId) {
        Map<String, Object> body = FormJson.body(Map.of(
                "validFrom", form.getOrDefault("validFrom", ""),
                "validTo", form.getOrDefault("validTo", ""),
                "obtainedVia", form.getOrDefault("obtainedVia", "")));
        body.put("patientReference", patientReference);
        body.put("practitionerId", practitionerId);
        List<String> scope = REPORT_TYPES.stream().filter(t -> form.containsKey("scope." + t)).toList();
        if (!scope.isEmpty()) {
            body.put("scope", scope);
        }
        return body;
    }

    private static List<Map<String, Object>> rows(Map<String, String> form, String list, int count, List<String> fields) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int last = -1;
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String f : fields) {
                String v = form.getOrDefault(list + "[" + i + "]." + f, "").trim();
                if (!v.isEmpty()) {
                    row.put(f, v);
                }
            }
            rows.add(row);
            if (!row.isEmpty()) {
                last = i;
            }
        }
        return new ArrayList<>(rows.subList(0, last + 1));
    }

    /** A number typed as a number goes as one; anything else goes as typed, for the service to name. */
    private static void number(Map<String, Object> body, String field, boolean decimal) {
        if (body.get(field) instanceof String s) {
            try {
                body.put(field, decimal ? new BigDecimal(s) : Integer.valueOf(s));
            } catch (NumberFormatException e) {
                // left as text: the service refuses it at this field
            }
        }
    }
}
