package app.rapport.platform.inbox;

import app.rapport.platform.events.EventTypes;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service's reaction to other services' events. The platform runs it: it subscribes, takes the
 * clinic from {@code ce_clinicid}, skips events already applied, reads each payload once into the
 * record {@link #payloadTypes()} names (a payload that does not fit is parked as poison before the
 * handler sees it), retries transient failures and sends records that can never be applied to the
 * dead-letter topic.
 *
 * @param <P> what the handler's payloads have in common: one record, or a sealed interface over
 *            the records of the types it applies
 */
public interface EventHandler<P> {

    /**
     * Stable name, e.g. {@code outreach-service.referrals}: the Kafka consumer group and the key
     * under which applied events are remembered. Renaming it replays every topic from the start.
     */
    String consumerName();

    /** The topics its event types travel on; override only to listen to a topic for other reasons. */
    default Set<String> topics() {
        return eventTypes().stream().map(EventTypes::topicOf).collect(Collectors.toUnmodifiableSet());
    }

    /** Each {@code ce_type} this handler applies, with the record its payload is read into; other types on its topics are passed over. */
    Map<String, Class<? extends P>> payloadTypes();

    /** The {@code ce_type}s this handler applies: the keys of {@link #payloadTypes()}, which the platform reads once. */
    default Set<String> eventTypes() {
        return payloadTypes().keySet();
    }

    /**
     * Applies one event. Runs inside the transaction that records the event as applied, so the
     * effect and the record commit together. The clinic is {@code event.clinicId()}, never a default.
     *
     * @throws PoisonEventException when the event can never be applied (a payload that reads but makes no sense)
     */
    void apply(InboundEvent<P> event);

    /**
     * Applies a poll's events that were not applied before, in one transaction with their inbox rows.
     * Override to share what the events have in common (a clinic's settings, partner snapshots) or
     * to write them in one statement; whatever it throws rolls the whole batch back, and the
     * platform applies its events again one by one through {@link #apply}.
     */
    default void applyAll(EventBatch<P> batch) {
        batch.forEach(this::apply);
    }

    /** Shorthand for a handler whose every event type reads into one record. */
    static <P> Map<String, Class<? extends P>> sameRecord(Class<P> type, Set<String> eventTypes) {
        return eventTypes.stream().collect(Collectors.toUnmodifiableMap(t -> t, t -> type));
    }

    /** Shorthand for a handler whose every event type reads into one record. */
    static <P> Map<String, Class<? extends P>> sameRecord(Class<P> type, String... eventTypes) {
        return sameRecord(type, Set.copyOf(List.of(eventTypes)));
    }
}
