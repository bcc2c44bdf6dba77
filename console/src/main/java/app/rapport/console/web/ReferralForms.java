package app.rapport.console.web;

import app.rapport.console.services.ServiceProblem;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The referral forms' translation between what a person types and referrals-service's JSON:
 * the new referral (field names are NewReferral's JSON paths), the status move and the visit.
 */
public final class ReferralForms {

    public static final List<String> DIRECTIONS = List.of("RECEIVED", "SENT");
    public static final List<String> KINDS = List.of("REFERRAL", "SECOND_OPINION");
    /** WEB_INTAKE is left out: only a partner's intake link records it. */
    public static final List<String> CHANNELS = List.of("PHONE", "FAX", "EMAIL", "IN_PERSON", "LETTER");
    public static final List<String> URGENCIES = List.of("ROUTINE", "URGENT");
    public static final List<String> VISIT_TYPES = List.of("INITIAL_EVALUATION", "TREATMENT", "RE_EVALUATION", "DISCHARGE");
    /** The new-referral inputs, so a message for any other field the service names is shown on top. */
    public static final List<String> NEW_REFERRAL_FIELDS = List.of("direction", "kind", "practitionerId", "channel",
            "urgency", "referredOn", "patient.firstName", "patient.lastName", "patient.birthDate", "patient.phone",
            "patient.email", "reason", "requestedService", "diagnosisCodes", "treatingPractitioner.name",
            "treatingPractitioner.credentials");
    public static final List<String> VISIT_FIELDS = List.of("visitDate", "type", "billedAmount.amount",
            "billedAmount.currency");
    /**
     * The moves referrals-service refuses without a reason (ReferralLedger.NEED_REASON), so their
     * buttons come with a reason field; the service still decides, and its message shows if it refuses.
     */
    public static final Set<String> NEED_REASON = Set.of("DECLINED", "CANCELLED");

    /** What people put between a phone's digits; the services want E.164 ("+12065550143"). */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s().\\-]");
    private static final Pattern THOUSANDS = Pattern.compile("^[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?$");
    private static final Pattern INDEXED = Pattern.compile("^(.+)\\[(\\d+)]$");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm 'UTC'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private ReferralForms() {
    }

    /** The first values of a new-referral form opened from {@code ?direction=&kind=&practitionerId=}. */
    public static Map<String, String> newReferralDefaults(String direction, String kind, String practitionerId) {
        Map<String, String> values = new LinkedHashMap<>();
        String d = direction == null ? "" : direction.toUpperCase(Locale.ROOT);
        String k = kind == null ? "" : kind.toUpperCase(Locale.ROOT);
        values.put("direction", DIRECTIONS.contains(d) ? d : "RECEIVED");
        values.put("kind", KINDS.contains(k) ? k : "REFERRAL");
        values.put("urgency", "ROUTINE");
        if (practitionerId != null && practitionerId.matches("[0-9a-f-]{36}")) {
            values.put("practitionerId", practitionerId);
        }
        return values;
    }

    /** NewReferral's JSON: nested by the dotted names, codes as a list, the phone without its separators. */
    public static Map<String, Object> newReferralBody(Map<String, String> form) {
        Map<String, String> cleaned = new LinkedHashMap<>(form);
        cleaned.computeIfPresent("patient.phone", (k, v) -> phone(v));
        return FormJson.body(cleaned, Set.of("diagnosisCodes"));
    }

    /** "+1 (206) 555-0143" → "+12065550143": spaces, brackets, dots and dashes go; anything else is left for the service to refuse. */
    public static String phone(String typed) {
        return PHONE_SEPARATORS.matcher(typed).replaceAll("");
    }

    /** A visit's JSON; a visit with no billed amount sends none (the currency alone would be refused). */
    public static Map<String, Object> visitBody(Map<String, String> form) {
        Map<String, String> cleaned = new LinkedHashMap<>(form);
        if (cleaned.getOrDefault("billedAmount.amount", "").isBlank()) {
            cleaned.remove("billedAmount.currency");
        } else {
            cleaned.computeIfPresent("billedAmount.amount", (k, v) -> plainAmount(v));
            cleaned.computeIfPresent("billedAmount.currency", (k, v) -> v.trim().toUpperCase(Locale.ROOT));
        }
        return FormJson.body(cleaned);
    }

    /**
     * "$1,145.00" → "1145.00": the dollar sign and thousands separators go; anything else (a
     * decimal comma, "12,00") is left for the service to refuse rather than guessed at.
     */
    static String plainAmount(String typed) {
        String s = typed.replaceAll("[\\s$]", "");
        return THOUSANDS.matcher(s).matches() ? s.replace(",", "") : s;
    }

    /** A status move's JSON: the target and, when given, why. */
    public static Map<String, Object> transitionBody(Map<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("to", form.getOrDefault("to", ""));
        String reason = form.getOrDefault("reason", "").trim();
        if (!reason.isEmpty()) {
            body.put("reason", reason);
        }
        String occurredOn = form.getOrDefault("occurredOn", "").trim();
        if (!occurredOn.isEmpty()) {
            body.put("occurredOn", occurredOn);
        }
        return body;
    }

    /**
     * The form again after a refusal, every message at its input: the service names a bad code as
     * {@code diagnosisCodes[1]}, the form has one {@code diagnosisCodes} input, so the message goes
     * there, saying which code it is about.
     */
    public static FormState refused(Map<String, String> values, ServiceProblem problem) {
        FormState state = FormState.refused(values, problem);
        List<String> codes = FormJson.split(values.getOrDefault("diagnosisCodes", ""));
        Map<String, String> errors = new LinkedHashMap<>();
        state.errors().forEach((field, message) -> {
            Matcher m = INDEXED.matcher(field);
            String at = field;
            String text = message;
            if (m.matches()) {
                at = m.group(1);
                int i = Integer.parseInt(m.group(2));
                text = (i < codes.size() ? "“" + codes.get(i) + "” " : "Entry " + (i + 1) + " ") + message;
            }
            errors.merge(at, text, (a, b) -> a + "; " + b);
        });
        // A detail that only repeats a field's message ("reason: say why …") is not said twice on top.
        String detail = problem.problem().str("detail");
        String message = state.message();
        if (!detail.isEmpty() && state.errors().keySet().stream().anyMatch(f -> detail.startsWith(f + ":"))) {
            message = message.replace(" " + detail, "");
        }
        return new FormState(values, errors, message, state.formId());
    }

    /** An instant as staff read it, e.g. "Thu 5 Mar 2026, 14:02 UTC". */
    public static String when(String instant) {
        if (instant == null || instant.isBlank()) {
            return "";
        }
        try {
            return WHEN.format(Instant.parse(instant));
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
