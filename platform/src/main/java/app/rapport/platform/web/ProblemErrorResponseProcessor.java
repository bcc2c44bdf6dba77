package app.rapport.platform.web;

import app.rapport.platform.inbox.Failures;
import app.rapport.platform.logging.IntakeTokens;
import io.micronaut.context.annotation.Primary;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every error Micronaut itself answers (bad JSON, failed validation, unknown route, 401/403,
 * oversized body, unexpected exceptions) leaves as RFC 7807 problem+json, naming the field.
 */
@Primary
@Singleton
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    /** Validation messages read "body.patient.firstName: must not be blank" or "paging.size: must be …". */
    private static final Pattern VIOLATION = Pattern.compile("^([\\w$]+(?:\\[\\d+])?(?:\\.[\\w$<>\\[\\]]+)*): (.+)$");

    private final BodyFieldLocator locator;

    public ProblemErrorResponseProcessor(BodyFieldLocator locator) {
        this.locator = locator;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        List<Problem.FieldError> fields = new ArrayList<>();
        String detail = null;
        Optional<ConversionErrorException> conversion = context.getRootCause()
                .filter(ConversionErrorException.class::isInstance).map(ConversionErrorException.class::cast);
        boolean unavailable = status.getCode() >= 500 && context.getRootCause().filter(Failures::isTransient).isPresent();
        if (unavailable) {
            // The database or broker is away for a moment. Unless it failed before any statement ran,
            // a write may have committed just before the connection broke: say so, never "nothing was saved".
            LOG.warn("Answering {} {} with 503: {}", context.getRequest().getMethod(), path(context),
                    context.getRootCause().map(Throwable::toString).map(IntakeTokens::masked).orElse(""));
            status = HttpStatus.SERVICE_UNAVAILABLE;
            response.status(status).header("Retry-After", "5");
            detail = unavailableDetail(context.getRequest().getMethod(), context.getRootCause().orElse(null));
        } else if (status.getCode() >= 500) {
            context.getRootCause().ifPresent(e -> LOG.error("Unexpected failure answering {} {}",
                    context.getRequest().getMethod(), path(context), e));
            detail = "Something went wrong on our side; it has been logged.";
        } else if (conversion.isPresent()) {
            ConversionErrorException e = conversion.get();
            String argument = e.getArgument().getName();
            if ("body".equals(argument)) {
                Optional<String> field = rawBody(context).flatMap(body -> locator.locate(e.getArgument(), body));
                if (field.isPresent()) {
                    fields.add(new Problem.FieldError(field.get(),
                            "is not a field of this request, has the wrong type or is not one of the allowed values"));
                } else {
                    detail = "The body is not the JSON this endpoint expects";
                }
            } else {
                fields.add(new Problem.FieldError(argument, "has the wrong type or is not one of the allowed values"));
            }
        } else {
            for (Error error : context.getErrors()) {
                var m = VIOLATION.matcher(error.getMessage() == null ? "" : error.getMessage());
                if (m.matches()) {
                    fields.add(new Problem.FieldError(clientField(m.group(1)), m.group(2)));
                } else if (detail == null) {
                    detail = error.getMessage();
                }
            }
        }
        if (detail == null && !fields.isEmpty()) {
            detail = fields.size() == 1 ? fields.get(0).field() + " " + fields.get(0).message()
                    : fields.size() + " fields are invalid";
        }
        if (detail != null && detail.startsWith("Invalid JSON")) {
            detail = "The body is not valid JSON";
        }
        Problem problem = new Problem(Problem.TYPE_BASE + slug(status, fields), status.getReason(), status.getCode(),
                detail, path(context), fields.isEmpty() ? null : fields, null);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /**
     * What a client may assume after a 503. A read, or a failure to get a connection at all, saved
     * nothing; any other write may have been committed before the answer was lost.
     */
    static String unavailableDetail(HttpMethod method, Throwable cause) {
        if (method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            return "The service cannot reach its database right now. Try again shortly.";
        }
        if (failedBeforeAnyWrite(cause)) {
            return "The service cannot reach its database right now; nothing was saved. Try again shortly.";
        }
        return "The service lost its database while handling this request, so the outcome is unknown: the change"
                + " may or may not have been saved. Retry with the same Idempotency-Key to get the outcome without"
                + " making the change twice.";
    }

    /** No connection could be had: the request never reached the database. */
    private static boolean failedBeforeAnyWrite(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("CannotCreateTransactionException") || name.endsWith("CannotGetJdbcConnectionException")
                    || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** The request's path for a log line or the problem's instance, without an intake link's token. */
    private static String path(ErrorContext context) {
        return IntakeTokens.masked(context.getRequest().getPath());
    }

    /** The request body as sent; the JSON reader has buffered it, so a split copy is still readable. */
    private static Optional<String> rawBody(ErrorContext context) {
        if (context.getRequest() instanceof ServerHttpRequest<?> request) {
            try (CloseableAvailableByteBody body = request.byteBody().split().buffer().get(1, TimeUnit.SECONDS)) {
                return Optional.of(new String(body.toByteArray(), StandardCharsets.UTF_8));
            } catch (Exception e) {
                LOG.debug("Request body no longer readable for error details", e);
            }
        }
        return Optional.empty();
    }

    private static String slug(HttpStatus status, List<Problem.FieldError> fields) {
        return switch (status.getCode()) {
            case 400 -> fields.isEmpty() ? "bad-request" : "invalid-field";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 503 -> "service-unavailable";
            default -> status.getCode() >= 500 ? "internal-error" : "client-error";
        };
    }

    /**
     * The field as the client knows it: {@code body.patient.firstName} → {@code patient.firstName};
     * a query parameter bound through a request bean, {@code paging.size} → {@code size}.
     */
    static String clientField(String path) {
        if (path.startsWith("body.")) {
            return path.substring("body.".length());
        }
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
