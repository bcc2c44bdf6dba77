package app.rapport.platform.observability;

import io.micronaut.http.context.ServerRequestContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent}. Events carry it in a Kafka header so one referral can
 * be followed from the HTTP request that received it through every service that reacted to it.
 */
public record TraceParent(String traceId, String spanId, String flags) {

    public static final String HEADER = "traceparent";
    private static final Pattern FORMAT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<TraceParent> CURRENT = new ThreadLocal<>();

    public static Optional<TraceParent> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(header.trim());
        return m.matches() ? Optional.of(new TraceParent(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }

    /** A new trace, for work that starts here. */
    public static TraceParent newRoot() {
        return new TraceParent(randomHex(16), randomHex(8), "01");
    }

    /** The same trace, a new span: what this service passes on. */
    public TraceParent child() {
        return new TraceParent(traceId, randomHex(8), flags);
    }

    /**
     * The trace the current work belongs to: an active OpenTelemetry span if an agent or SDK
     * runs, else the event being applied on this thread, else the HTTP request's {@code traceparent}
     * header, else a new trace.
     */
    public static TraceParent current() {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            return new TraceParent(span.getTraceId(), span.getSpanId(), span.getTraceFlags().asHex());
        }
        TraceParent consuming = CURRENT.get();
        if (consuming != null) {
            return consuming.child();
        }
        return ServerRequestContext.currentRequest()
                .flatMap(request -> parse(request.getHeaders().get(HEADER)))
                .map(TraceParent::child)
                .orElseGet(TraceParent::newRoot);
    }

    /** Marks the trace of the event this thread is applying; {@link #clear()} when done. */
    public static void enter(TraceParent parent) {
        CURRENT.set(parent);
    }

    public static void clear() {
        CURRENT.remove();
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
