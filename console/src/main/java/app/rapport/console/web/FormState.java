package app.rapport.console.web;

import app.rapport.console.services.ServiceProblem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A form as the person filled it, with the service's message for each field it refused, so the
 * page can be shown again with every value kept and every message at its field. Field names are
 * the service's JSON paths ({@code patient.birthDate}), so a problem's {@code errors[].field}
 * lands on the input of the same name without any mapping.
 */
public record FormState(Map<String, String> values, Map<String, String> errors, String message, String formId) {

    public static FormState empty() {
        return new FormState(Map.of(), Map.of(), "", Forms.newId());
    }

    public static FormState of(Map<String, String> values) {
        return new FormState(values, Map.of(), "", Forms.newId());
    }

    /** The form again after a refusal: same values, the messages, and a fresh id to submit with. */
    public static FormState refused(Map<String, String> values, ServiceProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>(problem.fieldErrors());
        String message = errors.isEmpty() ? problem.summary()
                : "Please correct the " + (errors.size() == 1 ? "field" : errors.size() + " fields") + " marked below.";
        // A message the service gave for the whole request (a conflict, a duplicate) stays on top as well.
        if (!errors.isEmpty() && !problem.problem().str("detail").isEmpty() && problem.status() != 400) {
            message = message + " " + problem.problem().str("detail");
        }
        return new FormState(values, errors, message, Forms.newId());
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public String value(String field, String fallback) {
        String v = values.get(field);
        return v == null ? fallback : v;
    }

    public String error(String field) {
        return errors.getOrDefault(field, "");
    }

    public boolean invalid(String field) {
        return errors.containsKey(field);
    }

    /** Messages for fields the form has no input for, so none is lost. */
    public Map<String, String> errorsOutside(java.util.Collection<String> shownFields) {
        Map<String, String> rest = new LinkedHashMap<>(errors);
        shownFields.forEach(rest::remove);
        return rest;
    }
}
