package app.rapport.platform.web;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
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

    /**
     * The answer to a domain refusal: the one place that maps each kind to its status, and a
     * stale version to a 412 carrying the current version's ETag.
     */
    public static ProblemException of(DomainException refused) {
        ProblemException p = new ProblemException(statusOf(refused.refusal()), refused.slug(), refused.title(),
                refused.getMessage(), refused.fields().stream()
                .map(f -> new Problem.FieldError(f.name(), f.message())).toList());
        refused.details().forEach(p::with);
        if (refused.refusal() == DomainException.Refusal.STALE
                && refused.details().get(VersionCheck.CURRENT_VERSION) instanceof Number current) {
            p.withHeader(Versions.ETAG, Versions.etag(current.longValue()));
        }
        return p;
    }

    static HttpStatus statusOf(DomainException.Refusal refusal) {
        return switch (refusal) {
            case MALFORMED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case CONFLICT -> HttpStatus.CONFLICT;
            case STALE -> HttpStatus.PRECONDITION_FAILED;
            case INVALID -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UPSTREAM_FAILED -> HttpStatus.BAD_GATEWAY;
        };
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
