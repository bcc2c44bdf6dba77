package app.rapport.platform.inbox;

import app.rapport.platform.observability.TraceParent;
import org.slf4j.MDC;

import java.util.function.Supplier;

/** Puts an event's trace and ids in the logging context while it is applied, so what is logged for it can be followed. */
final class EventTrail {

    private EventTrail() {
    }

    static <T> T within(InboundEvent<?> event, Supplier<T> work) {
        TraceParent trace = TraceParent.parse(event.traceParent()).orElseGet(TraceParent::newRoot);
        TraceParent.enter(trace);
        MDC.put("trace_id", trace.traceId());
        MDC.put("clinic", event.clinicId());
        MDC.put("event_id", event.id());
        MDC.put("event_type", event.type());
        try {
            return work.get();
        } finally {
            TraceParent.clear();
            MDC.remove("trace_id");
            MDC.remove("clinic");
            MDC.remove("event_id");
            MDC.remove("event_type");
        }
    }
}
