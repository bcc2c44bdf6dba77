package app.rapport.platform.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule of the domain refused what was asked, and nothing was written (the transaction rolls
 * back). Thrown by domain and plugin code, which know nothing of HTTP: the kind of refusal says
 * what happened, and the platform's {@code DomainExceptionHandler} is the one place that answers
 * it as problem+json with a status.
 */
public class DomainException extends RuntimeException {

    /** What kind of refusal; the web edge maps each to its status. */
    public enum Refusal {
        /** The request itself is malformed (a header that is no version tag). */
        MALFORMED,
        /** What it names does not exist in the caller's clinic. */
        NOT_FOUND,
        /** The caller may not do this. */
        FORBIDDEN,
        /** It contradicts the record's state (an illegal move, a duplicate, an archived partner). */
        CONFLICT,
        /** The caller read an older version than the one that is there now. */
        STALE,
        /** A value the caller gave breaks a rule; {@link #fields()} names it. */
        INVALID,
        /** Something the domain relies on outside the service (a mail server, a fax gateway) failed. */
        UPSTREAM_FAILED
    }

    /** A field the refusal is about, named as the caller sent it. */
    public record Field(String name, String message) {
    }

    private final Refusal refusal;
    private final String slug;
    private final String title;
    private final List<Field> fields;
    private final Map<String, Object> details = new LinkedHashMap<>();

    public DomainException(Refusal refusal, String slug, String title, String detail, List<Field> fields) {
        super(detail);
        this.refusal = refusal;
        this.slug = slug;
        this.title = title;
        this.fields = List.copyOf(fields);
    }

    public static DomainException refused(Refusal refusal, String slug, String title, String detail) {
        return new DomainException(refusal, slug, title, detail, List.of());
    }

    public static DomainException notFound(String what, Object id) {
        return refused(Refusal.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static DomainException conflict(String detail) {
        return refused(Refusal.CONFLICT, "conflict", "Conflict", detail);
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(Refusal.INVALID, "invalid-field", "Invalid field", field + ": " + message,
                List.of(new Field(field, message)));
    }

    public static DomainException forbidden(String detail) {
        return refused(Refusal.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** Adds a refusal-specific member, e.g. the id of the record a duplicate collided with. */
    public DomainException with(String name, Object value) {
        details.put(name, value);
        return this;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** Short, stable name of the refusal, e.g. {@code consent-required}; the problem type's last segment. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Field> fields() {
        return fields;
    }

    public Map<String, Object> details() {
        return Map.copyOf(details);
    }
}
