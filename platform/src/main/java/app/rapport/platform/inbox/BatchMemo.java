package app.rapport.platform.inbox;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the events of one consumer transaction share: reads (the clinic's time zone, a partner's
 * copy) and writes sent once for all of them (the outbox rows). A poll of 200 referral events
 * mostly names a handful of clinics and partners, and each statement repeated per event is a
 * round trip on the drain's path (issue 14). {@link EventConsumers} opens a memo around each batch
 * transaction and each one-by-one replay; outside one (an HTTP request, a scheduled job)
 * {@link #remember} simply reads and {@link #pending} finds no buffer, so the caller writes now.
 *
 * <p>Reads only for what the transaction's own events do not change: the directory and the
 * clinic profile arrive on another topic, through another consumer and transaction, so within a
 * batch of referral events their copies stay as they were read. Keys are value objects (records,
 * lists) naming what was read or written.
 */
public final class BatchMemo {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** Stands for a remembered null (an Optional.empty() is remembered as itself). */
    private static final Object NOTHING = new Object();

    private BatchMemo() {
    }

    /**
     * Runs {@code work} with a fresh memo; when it returns, still inside the caller's transaction,
     * each buffer's flush runs, in the order the buffers were opened. A failing flush fails the
     * work (its transaction rolls back, as when its last statement fails); an exception from
     * {@code work} drops the buffers unflushed. The memo is dropped either way. Public for tests
     * that apply a batch the way the consumer does.
     */
    public static <T> T during(Supplier<T> work) {
        Scope outer = CURRENT.get();
        Scope scope = new Scope();
        CURRENT.set(scope);
        try {
            T result = work.get();
            scope.flush();
            return result;
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@code read}'s answer for {@code key}, read once per consumer transaction; read every time outside one. */
    @SuppressWarnings("unchecked")
    public static <T> T remember(Object key, Supplier<T> read) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return read.get();
        }
        Object known = scope.reads.get(key);
        if (known == null) {
            T value = read.get();
            scope.reads.put(key, value == null ? NOTHING : value);
            return value;
        }
        return known == NOTHING ? null : (T) known;
    }

    /**
     * The consumer transaction's buffer for {@code key}, made by {@code create} on first use and
     * handed to {@code flush} once the transaction's events are applied; empty outside a consumer
     * transaction, where the caller writes at once. What is buffered is not in the database until
     * the flush, so only writes that nothing in the same transaction reads back belong here.
     */
    @SuppressWarnings("unchecked")
    public static <B> Optional<B> pending(Object key, Supplier<B> create, Consumer<? super B> flush) {
        Scope scope = CURRENT.get();
        if (scope == null) {
            return Optional.empty();
        }
        Pending<B> pending = (Pending<B>) scope.writes.computeIfAbsent(key, k -> new Pending<>(create.get(), flush));
        return Optional.of(pending.buffer);
    }

    /** The buffer {@link #pending} opened for {@code key} in this consumer transaction, if one is open. */
    @SuppressWarnings("unchecked")
    public static <B> Optional<B> open(Object key) {
        Scope scope = CURRENT.get();
        Pending<?> pending = scope == null ? null : scope.writes.get(key);
        return pending == null ? Optional.empty() : Optional.of((B) pending.buffer());
    }

    private static final class Scope {
        private final Map<Object, Object> reads = new HashMap<>();
        private final Map<Object, Pending<?>> writes = new LinkedHashMap<>();

        void flush() {
            // A flush may open another buffer (a write that causes a write): run until none is left.
            while (!writes.isEmpty()) {
                List<Pending<?>> due = new ArrayList<>(writes.values());
                writes.clear();
                due.forEach(Pending::flush);
            }
        }
    }

    private record Pending<B>(B buffer, Consumer<? super B> writer) {
        void flush() {
            writer.accept(buffer);
        }
    }
}
