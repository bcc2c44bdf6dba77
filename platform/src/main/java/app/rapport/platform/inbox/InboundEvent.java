package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;

/**
 * One event as a handler receives it: the envelope (id, type, clinic, time) and its payload,
 * read once by the platform into the record the handler asked for.
 *
 * @param traceParent the W3C {@code traceparent} the record carried, null when none
 */
public record InboundEvent<P>(EventEnvelope envelope, P payload, String traceParent) {

    public String id() {
        return envelope.id();
    }

    public String type() {
        return envelope.type();
    }

    /** The clinic the event belongs to, from {@code ce_clinicid}: the only clinic the handler may write for. */
    public String clinicId() {
        return envelope.clinicId();
    }
}
