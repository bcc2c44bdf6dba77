package app.rapport.platform.idempotency;

import app.rapport.platform.tenancy.CallerBinder;
import app.rapport.platform.web.Problem;
import app.rapport.platform.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Safe retries for every POST under {@code /api/v1} (ADR 0009, after the IETF httpapi
 * Idempotency-Key draft). The first request with a key claims it with one INSERT guarded by the
 * primary key; its answer (2xx or 4xx) is kept and replayed to a retry with the same key and
 * body, marked {@value #REPLAYED}. The same key with another body is a 422; a retry while the
 * first is still running is a 409 with Retry-After. A 5xx or an unknown outcome frees the key,
 * unless the change had already committed. Keys are kept per clinic (per intake link on the
 * public door: its token is part of the endpoint) and endpoint (method, route, path values).
 *
 * <p>Runs after security, so an unauthenticated or forbidden request claims nothing.
 */
@ServerFilter(value = "/api/v1/**", methods = HttpMethod.POST)
public class IdempotencyFilter implements Ordered {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Long enough for any UUID or ULID a client generates, short enough to index. */
    public static final int MAX_KEY_LENGTH = 255;
    static final String PUBLIC_SCOPE = "public";
    /** The headers of an answer that a retry must see again. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.CONTENT_TYPE,
            HttpHeaders.ETAG, HttpHeaders.CONTENT_LOCATION);
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final JsonMapper json;
    private final Clock clock;

    public IdempotencyFilter(IdempotencyKeys keys, IdempotencySettings settings, JsonMapper json, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.settings = settings;
        this.json = json;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public MutableHttpResponse<?> filter(HttpRequest<?> request, @Nullable RouteMatch<?> route,
                                         @Nullable @Body byte[] body,
                                         FilterContinuation<MutableHttpResponse<?>> continuation) {
        String header = request.getHeaders().get(HEADER);
        if (header == null || route == null || route.getRouteInfo().getAnnotationMetadata().hasAnnotation(ReadOnlyPost.class)) {
            return continuation.proceed();
        }
        Optional<String> key = parseKey(header);
        if (key.isEmpty()) {
            return headerProblem(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                    "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters, optionally in double quotes");
        }
        Optional<String> scope = scopeOf(request);
        if (scope.isEmpty()) {
            return continuation.proceed(); // the handler refuses the clinic header itself
        }
        String routeName = request.getMethodName() + " " + template(route);
        String id = recordId(scope.get(), routeName, pathValues(route), key.get());
        String requestHash = sha256(request.getContentType().map(MediaType::toString).orElse("") + "\n"
                + request.getUri().getRawQuery() + "\n", body);
        Instant now = clock.instant();
        IdempotentAttempt claim;
        if (keys.claim(id, scope.get(), routeName, key.get(), requestHash, now) == 1) {
            claim = new IdempotentAttempt(id, 1);
        } else {
            Optional<IdempotencyRecord> first = keys.findById(id);
            if (first.isEmpty()) {
                // Released or purged between our INSERT and this read: the client may simply retry.
                return stillRunning();
            }
            IdempotencyRecord seen = first.get();
            if (!seen.requestHash().equals(requestHash)) {
                return headerProblem(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "Idempotency-Key reused",
                        "was already used for a different request to this endpoint; use a new key for a new request");
            }
            if (seen.completedAt() != null) {
                return replay(seen);
            }
            if (seen.effectCommitted()) {
                if (seen.claimedAt().isBefore(now.minus(settings.getLease()))) {
                    return answerLost();
                }
                return stillRunning();
            }
            if (keys.takeOver(id, seen.attempt(), now.minus(settings.getLease()), now) == 1) {
                LOG.info("Retrying {} with an Idempotency-Key whose first attempt stopped before committing", routeName);
                claim = new IdempotentAttempt(id, seen.attempt() + 1);
            } else {
                return stillRunning();
            }
        }
        request.setAttribute(IdempotentAttempt.ATTRIBUTE, claim);
        MutableHttpResponse<?> response;
        try {
            response = continuation.proceed();
        } catch (RuntimeException | Error e) {
            releaseQuietly(claim);
            throw e;
        }
        keep(claim, response);
        return response;
    }

    /**
     * Stores a 2xx or 4xx the handler gave; anything else frees the key for a retry, and so do the
     * 4xx that mean "not now" (408, 425, 429): replaying them would refuse the retry they ask for.
     */
    private void keep(IdempotentAttempt claim, MutableHttpResponse<?> response) {
        int status = response.code();
        boolean notNow = status == 408 || status == 425 || status == 429;
        Optional<byte[]> bytes = status < 500 && !notNow ? bodyBytes(response) : Optional.empty();
        if (bytes.isEmpty()) {
            releaseQuietly(claim);
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : KEPT_HEADERS) {
            response.getHeaders().getFirst(name).ifPresent(value -> headers.put(name, value));
        }
        if (bytes.get().length > 0 && !headers.containsKey(HttpHeaders.CONTENT_TYPE)) {
            headers.put(HttpHeaders.CONTENT_TYPE, response.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE).toString());
        }
        try {
            keys.complete(claim.id(), claim.attempt(), status, new String(json.writeValueAsBytes(headers),
                    StandardCharsets.UTF_8), bytes.get().length == 0 ? null : bytes.get(), clock.instant());
        } catch (IOException | RuntimeException e) {
            // The answer still goes out; a retry learns the change was made (effect mark) but not the answer.
            LOG.warn("Could not keep the outcome of an Idempotency-Key: {}", e.toString());
        }
    }

    /** The body as it will be written, or empty when it cannot be kept (a stream, a file). */
    private Optional<byte[]> bodyBytes(MutableHttpResponse<?> response) {
        Optional<?> body = response.getBody();
        if (body.isEmpty()) {
            return Optional.of(new byte[0]);
        }
        Object value = body.get();
        if (value instanceof byte[] b) {
            return Optional.of(b);
        }
        if (value instanceof CharSequence s) {
            return Optional.of(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof org.reactivestreams.Publisher<?> || value instanceof java.io.InputStream
                || value instanceof io.micronaut.http.server.types.files.FileCustomizableResponseType) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.writeValueAsBytes(value));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not serialise an answer to keep for its Idempotency-Key: {}", e.toString());
            return Optional.empty();
        }
    }

    private MutableHttpResponse<?> replay(IdempotencyRecord first) {
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(first.responseStatus()));
        Map<String, String> headers = readHeaders(first.responseHeaders());
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                response.header(name, value);
            }
        });
        if (first.responseBody() != null) {
            response.contentType(headers.getOrDefault(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON))
                    .body(first.responseBody());
        }
        return response.header(REPLAYED, "true");
    }

    private Map<String, String> readHeaders(@Nullable String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return new TreeMap<>(json.readValue(stored, Argument.mapOf(String.class, String.class)));
        } catch (IOException e) {
            return Map.of();
        }
    }

    private void releaseQuietly(IdempotentAttempt claim) {
        try {
            keys.release(claim.id(), claim.attempt());
        } catch (RuntimeException e) {
            // The claim then runs out after the lease, and a retry takes it over.
            LOG.warn("Could not release an Idempotency-Key: {}", e.toString());
        }
    }

    /** The draft's structured-header string ({@code "abc"}), or the bare value many clients send. */
    static Optional<String> parseKey(String header) {
        String value = header.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > MAX_KEY_LENGTH || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** The acting clinic of a signed-in caller; the public intake door has no clinic yet. */
    private static Optional<String> scopeOf(HttpRequest<?> request) {
        Optional<Authentication> auth = request.getUserPrincipal(Authentication.class);
        if (auth.isEmpty()) {
            return Optional.of(PUBLIC_SCOPE);
        }
        try {
            return Optional.of(CallerBinder.of(auth.get(), request.getHeaders().get(CallerBinder.CLINIC_HEADER)).clinicId());
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    private static String template(RouteMatch<?> route) {
        return route instanceof UriRouteMatch<?, ?> uri ? uri.getRouteInfo().getUriMatchTemplate().toString() : "?";
    }

    private static String pathValues(RouteMatch<?> route) {
        return route instanceof UriRouteMatch<?, ?> uri ? new TreeMap<>(uri.getVariableValues()).toString() : "";
    }

    private static MutableHttpResponse<?> stillRunning() {
        return problem(HttpStatus.CONFLICT, "idempotency-key-in-use", "Request still being processed",
                "A request with this Idempotency-Key is still being processed; retry shortly with the same key", null)
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    private static MutableHttpResponse<?> answerLost() {
        return problem(HttpStatus.CONFLICT, "idempotency-answer-lost", "Already applied",
                "A request with this Idempotency-Key was applied, but the service stopped before keeping its answer;"
                        + " it will not run again: look the record up instead of retrying", null);
    }

    /** A problem with the header itself, named as a field so clients show it like any other. */
    private static MutableHttpResponse<?> headerProblem(HttpStatus status, String slug, String title, String message) {
        return problem(status, slug, title, HEADER + ": " + message, new Problem.FieldError(HEADER, message));
    }

    private static MutableHttpResponse<?> problem(HttpStatus status, String slug, String title, String detail,
                                                  @Nullable Problem.FieldError field) {
        Problem problem = new Problem(Problem.TYPE_BASE + slug, title, status.getCode(), detail, null,
                field == null ? null : List.of(field), null);
        return HttpResponse.status(status).contentType(Problem.MEDIA_TYPE).body(problem);
    }

    /** The row's primary key: one claim per clinic (or public door), endpoint with its path values, and key. */
    static String recordId(String scope, String routeName, String pathValues, String key) {
        return sha256(scope + "\n" + routeName + "\n" + pathValues + "\n" + key, null);
    }

    private static String sha256(String text, @Nullable byte[] more) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            if (more != null) {
                digest.update(more);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
