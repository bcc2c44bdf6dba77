package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.math.BigDecimal;
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
    static final int MAX_GOALS = 20;
    static final int MAX_MEASURES = 30;
    public static final List<String> GOAL_FIELDS = List.of("goal", "anticipatedOutcome", "targetDate");
    public static final List<String> MEASURE_FIELDS = List.of("name", "unit", "baseline", "current", "loinc");
    public static final List<String> REPORT_TYPES = List.of("INITIAL", "PROGRESS", "DISCHARGE");
    public static final List<String> OBTAINED_VIA = List.of("WRITTEN_FORM", "ELECTRONIC_SIGNATURE", "PATIENT_PORTAL",
            "VERBAL_DOCUMENTED");
    public static final List<String> CHANNELS = List.of("EMAIL", "PRINT", "FAX");
    public static final List<String> TEXT_FIELDS = List.of("treatmentPlanned", "rationale", "visitsPerWeek",
            "durationWeeks", "history", "examination", "diagnosisCodes", "diagnosisNarrative", "references", "coverLetter");

    private ReportForm() {
    }

    /** How many rows of {@code list} ({@code goals}, {@code measures}) the values fill, at least {@code minimum}. */
    public static int rowsIn(Map<String, String> values, String list, int minimum) {
        int rows = minimum;
        int cap = list.equals("goals") ? MAX_GOALS : MAX_MEASURES;
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
    public static List<String> contentFields(int goalRows, int measureRows) {
        List<String> fields = new ArrayList<>(TEXT_FIELDS);
        fields.add("goals");
        fields.add("measures");
        for (int i = 0; i < goalRows; i++) {
            for (String f : GOAL_FIELDS) {
                fields.add(goal(i, f));
            }
        }
        for (int i = 0; i < measureRows; i++) {
            for (String f : MEASURE_FIELDS) {
                fields.add(measure(i, f));
            }
        }
        return fields;
    }

    public static String goal(int row, String field) {
        return "goals[" + row + "]." + field;
    }

    public static String measure(int row, String field) {
        return "measures[" + row + "]." + field;
    }

    /**
     * ReportContent's JSON. Rows left empty at the end are dropped; an empty row between filled
     * ones is sent as it is, so the service's message names the row the person sees.
     */
    public static Map<String, Object> contentBody(Map<String, String> form) {
        Map<String, String> plain = new LinkedHashMap<>();
        for (String f : TEXT_FIELDS) {
            if (!f.equals("references")) {
                plain.put(f, form.getOrDefault(f, ""));
            }
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
        List<Map<String, Object>> references = new ArrayList<>();
        for (String line : form.getOrDefault("references", "").split("\\R")) {
            if (!line.isBlank()) {
                references.add(Map.of("citation", line.trim()));
            }
        }
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
        List<String> citations = content.docs("references").stream().map(r -> r.str("citation")).toList();
        values.put("references", String.join("\n", citations));
        List<Doc> goals = content.docs("goals");
        for (int i = 0; i < Math.min(goals.size(), MAX_GOALS); i++) {
            for (String f : GOAL_FIELDS) {
                values.put(goal(i, f), goals.get(i).str(f));
            }
        }
        List<Doc> measures = content.docs("measures");
        for (int i = 0; i < Math.min(measures.size(), MAX_MEASURES); i++) {
            for (String f : MEASURE_FIELDS) {
                values.put(measure(i, f), measures.get(i).str(f));
            }
        }
        return values;
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
