package app.rapport.platform.inbox;

import java.util.List;
import java.util.function.Consumer;

/**
 * The events of one poll that a handler applies together, in one transaction, in partition order.
 * {@link #forEach} runs each with its trace and ids in the logging context, so what the handler
 * logs for one event can be followed as when events are applied one by one.
 */
public final class EventBatch<P> {

    private final List<InboundEvent<P>> events;

    EventBatch(List<InboundEvent<P>> events) {
        this.events = List.copyOf(events);
    }

    /** For a handler's own tests: a batch of events read as the platform would. */
    public static <P> EventBatch<P> of(List<InboundEvent<P>> events) {
        return new EventBatch<>(events);
    }

    public List<InboundEvent<P>> events() {
        return events;
    }

    public int size() {
        return events.size();
    }

    public void forEach(Consumer<InboundEvent<P>> apply) {
        for (InboundEvent<P> event : events) {
            EventTrail.within(event, () -> {
                apply.accept(event);
                return null;
            });
        }
    }
}
