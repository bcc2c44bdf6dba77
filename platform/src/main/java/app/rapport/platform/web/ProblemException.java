package app.rapport.platform.web;

import io.micronaut.http.HttpStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thrown by services to answer with a problem: nothing was written (the transaction rolls back)
 * and the client gets a problem+json body with the status, a short title and what went wrong.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(HttpStatus status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "conflict", "Conflict", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-field", "Invalid field",
                field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    /** Adds a problem-specific member, e.g. the id of the record a duplicate collided with. */
    public ProblemException with(String name, Object value) {
        extra.put(name, value);
        return this;
    }

    /** Adds a response header, e.g. {@code Retry-After} on a 429. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status.getCode(), getMessage(), instance,
                errors.isEmpty() ? null : errors, extra.isEmpty() ? null : Map.copyOf(extra));
    }
}
