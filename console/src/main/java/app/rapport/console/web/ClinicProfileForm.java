package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clinic profile form: its field names are contacts-service's {@code ClinicProfile} JSON paths
 * ({@code locations[0].address.city}, {@code locations[0].hours[1].opens}), so a refusal lands at
 * its input. Lists the packet prints as bullets are typed one per line (a payment policy may
 * well contain a comma). Each location, and each location's opening hours, gets blank rows to add one.
 */
public final class ClinicProfileForm {

    public static final List<String> LINE_LISTS = List.of("servicesOffered", "focusNiches", "paymentPolicies",
            "insurancePlansAccepted");
    public static final List<String> DAYS = List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
            "SATURDAY", "SUNDAY");
    /** A location's inputs, after {@code locations[i].}. */
    public static final List<String> LOCATION_FIELDS = List.of("name", "address.line1", "address.line2", "address.city",
            "address.region", "address.postalCode", "address.country", "phone", "fax", "email");
    /** The zones a clinic can be in, as IANA names the cities: "America/Los_Angeles", not "PST8PDT" or "Etc/GMT+8". */
    public static final List<String> TIME_ZONES = java.time.ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_/-]+"))
            .sorted().toList();
    static final int MAX_LOCATIONS = 20;
    static final int BLANK_HOURS = 2;

    private static final Pattern LOCATION = Pattern.compile("locations\\[(\\d+)]\\.(.+)");
    private static final Pattern HOURS = Pattern.compile("hours\\[(\\d+)]\\..+");

    private ClinicProfileForm() {
    }

    /** The form filled from the profile as contacts-service answers it. */
    public static Map<String, String> valuesOf(Doc profile) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("clinicName", profile.str("clinicName"));
        values.put("introduction", profile.str("introduction"));
        values.put("howToRefer", profile.str("howToRefer"));
        values.put("timeZone", profile.str("timeZone"));
        LINE_LISTS.forEach(f -> values.put(f, String.join("\n", profile.strs(f))));
        List<Doc> locations = profile.docs("locations");
        for (int i = 0; i < locations.size(); i++) {
            Doc l = locations.get(i);
            String at = "locations[" + i + "].";
            for (String f : LOCATION_FIELDS) {
                values.put(at + f, l.str(f));
            }
            List<Doc> hours = l.docs("hours");
            for (int h = 0; h < hours.size(); h++) {
                values.put(at + "hours[" + h + "].day", hours.get(h).str("day"));
                values.put(at + "hours[" + h + "].opens", hhmm(hours.get(h).str("opens")));
                values.put(at + "hours[" + h + "].closes", hhmm(hours.get(h).str("closes")));
            }
        }
        return values;
    }

    /**
     * The body of {@code PUT /api/v1/clinic-profile}. The PUT replaces the whole profile, and the logo
     * is no input of this form (it is uploaded on its own), so the logo saved now goes along unless
     * the form asks to remove it.
     */
    public static Map<String, Object> body(Map<String, String> form, Doc saved) {
        Map<String, Object> body = body(form);
        if (saved.has("logo") && !"on".equals(form.get("removeLogo"))) {
            body.put("logo", Map.of("mediaType", saved.str("logo.mediaType"), "base64", saved.str("logo.base64")));
        }
        return body;
    }

    /** The profile's fields as typed, without the logo. */
    public static Map<String, Object> body(Map<String, String> form) {
        Map<String, String> fields = new LinkedHashMap<>();
        form.forEach((name, value) -> {
            if (!LINE_LISTS.contains(name) && !name.equals("removeLogo")) {
                fields.put(name, value);
            }
        });
        // A country is filled in for convenience; alone it is no location.
        for (int i = 0; i < MAX_LOCATIONS + 1; i++) {
            if (!locationFilled(form, i)) {
                fields.remove("locations[" + i + "].address.country");
            }
        }
        Map<String, Object> body = FormJson.body(fields);
        for (String list : LINE_LISTS) {
            List<String> lines = form.getOrDefault(list, "").lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (!lines.isEmpty()) {
                body.put(list, lines);
            }
        }
        return body;
    }

    /** How many location rows to show: the filled ones and one blank, to add a location. */
    public static int locationRows(FormState form) {
        int filled = 0;
        for (String name : form.values().keySet()) {
            Matcher m = LOCATION.matcher(name);
            if (m.matches() && locationFilled(form.values(), Integer.parseInt(m.group(1)))) {
                filled = Math.max(filled, Integer.parseInt(m.group(1)) + 1);
            }
        }
        return Math.min(MAX_LOCATIONS, filled + 1);
    }

    /** How many opening-hours rows location {@code i} shows: the filled ones and two blank. */
    public static int hoursRows(FormState form, int location) {
        String at = "locations[" + location + "].";
        int filled = 0;
        for (Map.Entry<String, String> e : form.values().entrySet()) {
            if (e.getKey().startsWith(at) && e.getValue() != null && !e.getValue().isBlank()) {
                Matcher m = HOURS.matcher(e.getKey().substring(at.length()));
                if (m.matches()) {
                    filled = Math.max(filled, Integer.parseInt(m.group(1)) + 1);
                }
            }
        }
        return filled + BLANK_HOURS;
    }

    private static boolean locationFilled(Map<String, String> form, int i) {
        String at = "locations[" + i + "].";
        return form.entrySet().stream().anyMatch(e -> e.getKey().startsWith(at)
                && !e.getKey().equals(at + "address.country") && e.getValue() != null && !e.getValue().isBlank());
    }

    /** {@code 08:00:00} → {@code 08:00}, as a time input shows it. */
    private static String hhmm(String time) {
        return time.length() > 5 ? time.substring(0, 5) : time;
    }
}
