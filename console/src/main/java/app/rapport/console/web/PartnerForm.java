package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partner form: its field names are contacts-service's {@code PractitionerDetails} JSON paths
 * (so a refusal's {@code errors[].field} lands at its input), the codes its selects offer, and the
 * few conversions a browser form needs (checkboxes to a list, text to numbers and booleans).
 */
public final class PartnerForm {

    /** The values of contacts-service's enums, as its API takes them. */
    public static final List<String> SPECIALTIES = List.of("CHIROPRACTOR", "DOULA", "FAMILY_PRACTICE", "OB_GYN",
            "MASSAGE_THERAPIST", "MENTAL_HEALTH_COUNSELOR", "NUTRITIONIST", "NATUROPATHIC_DOCTOR", "PSYCHIATRIST",
            "PHYSICAL_THERAPIST", "PERSONAL_TRAINER", "YOGA_INSTRUCTOR", "CARDIOLOGIST", "PRIMARY_CARE", "OTHER");
    public static final List<String> STAGES = List.of("PROSPECT", "CONTACTED", "MET", "REFERRING", "DORMANT");
    public static final List<String> THANK_YOU_CHANNELS = List.of("HANDWRITTEN_NOTE", "EMAIL", "PHONE");
    public static final List<String> REPORT_TYPES = List.of("INITIAL", "PROGRESS", "DISCHARGE");
    public static final List<String> REPORT_CHANNELS = List.of("EMAIL", "FAX", "PRINT");
    /** The steps of a referral its referrer can hear about, in course order. */
    public static final List<String> STATUS_UPDATES = List.of("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "DECLINED",
            "COMPLETED");
    /** What a new partner starts with, as contacts-service would choose for one who did not say. */
    public static final List<String> DEFAULT_REPORTS = List.of("INITIAL", "DISCHARGE");

    /** Every input of the form, by the service's name for it. */
    public static final List<String> FIELDS = List.of("firstName", "lastName", "credentials", "specialty",
            "organization", "npi", "email", "phone", "fax", "address.line1", "address.line2", "address.city",
            "address.region", "address.postalCode", "address.country", "preferredThankYouChannel",
            "reportPreferences.reports", "reportPreferences.statusUpdates", "reportPreferences.everyVisits",
            "reportPreferences.everyWeeks",
            "reportPreferences.channel", "stage", "owner", "tags", "notes", "physicianOverride");

    /** The hidden field with the partner's version as the form was opened. */
    public static final String VERSION = "version";
    static final String REPORT_BOX = "reportType.";
    static final String STATUS_BOX = "statusUpdate.";
    private static final Set<String> LISTS = Set.of("tags");
    private static final Set<String> NUMBERS = Set.of("reportPreferences.everyVisits", "reportPreferences.everyWeeks");

    private PartnerForm() {
    }

    /**
     * What someone else saved since the form was opened, where it differs from what this person
     * typed: field label → the value now saved, for the message above a refused save.
     */
    public static Map<String, String> savedByOthers(Map<String, String> typed, Doc current) {
        Map<String, String> now = valuesOf(current);
        Map<String, String> differing = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (e.getKey().equals(VERSION)) {
                continue;
            }
            String mine = typed.getOrDefault(e.getKey(), "");
            String theirs = e.getValue() == null ? "" : e.getValue();
            if (!mine.strip().equals(theirs.strip())) {
                differing.put(fieldLabel(e.getKey()), theirs.isEmpty() ? "(empty)" : theirs);
            }
        }
        return differing;
    }

    private static String fieldLabel(String field) {
        if (field.startsWith(REPORT_BOX)) {
            return Forms.words(field.substring(REPORT_BOX.length())) + " reports";
        }
        if (field.startsWith(STATUS_BOX)) {
            return Forms.words(field.substring(STATUS_BOX.length())) + " updates";
        }
        String last = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        return Forms.words(last.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT));
    }

    /** A specialty in words: {@code OB_GYN} → "OB/GYN". */
    public static String label(String code) {
        return switch (code == null ? "" : code) {
            case "OB_GYN" -> "OB/GYN";
            case "MENTAL_HEALTH_COUNSELOR" -> "Mental health counselor";
            case "NATUROPATHIC_DOCTOR" -> "Naturopathic doctor";
            default -> Forms.words(code);
        };
    }

    /** The form filled from a partner as contacts-service answers it, for the edit page. */
    public static Map<String, String> valuesOf(Doc partner) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (LISTS.contains(field)) {
                values.put(field, String.join(", ", partner.strs(field)));
            } else {
                values.put(field, partner.str(field));
            }
        }
        for (String type : partner.strs("reportPreferences.reports")) {
            values.put(REPORT_BOX + type, "on");
        }
        for (String update : partner.strs("reportPreferences.statusUpdates")) {
            values.put(STATUS_BOX + update, "on");
        }
        values.remove("reportPreferences.reports");
        values.remove("reportPreferences.statusUpdates");
        // The version the form was opened on: the save sends it as If-Match, so it never replaces a newer save.
        values.put(VERSION, partner.str("version"));
        return values;
    }

    /** A new partner's boxes: the reports and status updates contacts-service gives one who did not say. */
    public static Map<String, String> newPartnerBoxes() {
        Map<String, String> boxes = new LinkedHashMap<>();
        DEFAULT_REPORTS.forEach(t -> boxes.put(REPORT_BOX + t, "on"));
        STATUS_UPDATES.forEach(u -> boxes.put(STATUS_BOX + u, "on"));
        return boxes;
    }

    /**
     * The JSON body for {@code POST} or {@code PUT /api/v1/practitioners}. An edit sends no stage
     * (contacts-service moves it only by a stage change).
     */
    public static Map<String, Object> body(Map<String, String> form, boolean creating) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> reports = new ArrayList<>();
        List<String> updates = new ArrayList<>();
        form.forEach((name, value) -> {
            boolean ticked = value != null && !value.isBlank();
            if (name.startsWith(REPORT_BOX)) {
                if (ticked) {
                    reports.add(name.substring(REPORT_BOX.length()));
                }
            } else if (name.startsWith(STATUS_BOX)) {
                if (ticked) {
                    updates.add(name.substring(STATUS_BOX.length()));
                }
            } else {
                fields.put(name, value);
            }
        });
        if (!creating) {
            fields.remove("stage");
        }
        fields.remove(VERSION); // travels as If-Match, not in the body
        // The country is filled in for convenience; alone it is no address.
        boolean anyAddress = fields.entrySet().stream().anyMatch(e -> e.getKey().startsWith("address.")
                && !e.getKey().equals("address.country") && e.getValue() != null && !e.getValue().isBlank());
        if (!anyAddress) {
            fields.remove("address.country");
        }
        Map<String, Object> body = FormJson.body(fields, LISTS);
        typed(body, "physicianOverride");
        if (body.get("reportPreferences") instanceof Map<?, ?> prefs) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) prefs;
            NUMBERS.forEach(n -> typed(p, n.substring("reportPreferences.".length())));
            // Both lists always go, empty too: to contacts-service a list left out means its defaults,
            // while a partner whose every box is clear asked for none. In the order the form lists them.
            p.put("reports", REPORT_TYPES.stream().filter(reports::contains).toList());
            p.put("statusUpdates", STATUS_UPDATES.stream().filter(updates::contains).toList());
        }
        return body;
    }

    /** A number or yes/no as JSON; anything else is sent as typed, for the service to name. */
    private static void typed(Map<String, Object> map, String key) {
        if (!(map.get(key) instanceof String s)) {
            return;
        }
        if (s.equals("true") || s.equals("false")) {
            map.put(key, Boolean.valueOf(s));
        } else if (s.matches("\\d{1,9}")) {
            map.put(key, Integer.valueOf(s));
        }
    }
}
