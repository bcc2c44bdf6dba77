package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * A service's reaction to other services' events. The platform runs it: it subscribes, takes the
 * clinic from {@code ce_clinicid}, skips events already applied, retries transient failures and
 * sends records that can never be applied to the dead-letter topic.
 */
public interface EventHandler {

    /**
     * Stable name, e.g. {@code outreach-service.referrals}: the Kafka consumer group and the key
     * under which applied events are remembered. Renaming it replays every topic from the start.
     */
    String consumerName();

    /** The topics its event types travel on; override only to listen to a topic for other reasons. */
    default Set<String> topics() {
        return eventTypes().stream().map(EventTypes::topicOf).collect(Collectors.toUnmodifiableSet());
    }

    /** The {@code ce_type}s this handler applies; other types on its topics are passed over. */
    Set<String> eventTypes();

    /**
     * Applies one event. Runs inside the transaction that records the event as applied, so the
     * effect and the record commit together. The clinic is {@code event.clinicId()}, never a default.
     *
     * @throws PoisonEventException when the event can never be applied (invalid payload)
     */
    void apply(EventEnvelope event);
}
