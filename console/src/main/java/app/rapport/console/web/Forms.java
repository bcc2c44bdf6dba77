package app.rapport.console.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/** Small helpers templates use: a fresh id for each rendered form, and words for codes. */
public final class Forms {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.US);

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

    public static boolean printable(String channel) {
        return "HANDWRITTEN_NOTE".equals(channel) || "LETTER".equals(channel);
    }
}
