package app.rapport.outreach.web;

import app.rapport.platform.web.ProblemException;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Query parameters read by hand so a bad value is a 422 naming the parameter, never a 500. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date like 2025-03-05");
        }
    }

    static String uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")) {
            throw ProblemException.invalidField(field, "must be a lowercase UUID");
        }
        return value;
    }
}
