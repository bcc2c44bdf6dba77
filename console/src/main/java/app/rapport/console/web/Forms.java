package app.rapport.console.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers templates use: a fresh id for each rendered form, and words for codes. */
public final class Forms {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);
    private static final Pattern LISTED = Pattern.compile("(.+)\\[(\\d+)]");

    private Forms() {
    }

    /** Each rendered form's id; {@link OnceOnly} runs a form with a given id once. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** {@code HANDWRITTEN_NOTE} → "Handwritten note". */
    public static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String s = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code 2026-03-05} → "Thu 5 Mar 2026"; anything else as it is. */
    public static String day(String isoDate) {
        if (isoDate == null || isoDate.length() < 10) {
            return isoDate == null ? "" : isoDate;
        }
        try {
            return LocalDate.parse(isoDate.substring(0, 10)).format(DAY);
        } catch (DateTimeParseException e) {
            return isoDate;
        }
    }

    /**
     * A service's field path in words, for a message whose field has no input on the page:
     * {@code locations[0].phone} → "Location 1, phone", {@code patient.birthDate} → "Patient, birth date".
     */
    public static String fieldWords(String path) {
        if (path == null || path.isBlank()) {
            return "";
        }
        StringBuilder words = new StringBuilder();
        for (String part : path.split("\\.")) {
            Matcher listed = LISTED.matcher(part);
            String said = listed.matches()
                    ? singular(spaced(listed.group(1))) + " " + (Integer.parseInt(listed.group(2)) + 1)
                    : spaced(part);
            words.append(words.isEmpty() ? "" : ", ").append(said);
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * Today as the services count days they are given without a time zone (referral days, the
     * default analytics range, a gift year the service could not be asked for): in UTC, never in
     * the zone of the machine the console happens to run on.
     */
    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** {@code birthDate} → "birth date". */
    private static String spaced(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** A list's name for one of its entries: "locations" → "location"; "hours" → "hour". */
    private static String singular(String plural) {
        return plural.endsWith("s") && !plural.endsWith("ss") ? plural.substring(0, plural.length() - 1) : plural;
    }

    public static boolean printable(String channel) {
        return "HANDWRITTEN_NOTE".equals(channel) || "LETTER".equals(channel);
    }
}
