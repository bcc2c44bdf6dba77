package app.rapport.platform.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the events of one consumer transaction share: the clinic's time zone, a partner's copy.
 * A poll of 200 referral events mostly names a handful of clinics and partners, and each read
 * repeated per event is a round trip on the drain's path (issue 14). {@link EventConsumers} opens
 * a memo around each batch transaction and each one-by-one replay; outside one (an HTTP request,
 * a scheduled job) {@link #remember} simply reads.
 *
 * <p>Only for what the transaction's own events do not change: the directory and the clinic
 * profile arrive on another topic, through another consumer and transaction, so within a batch of
 * referral events their copies stay as they were read. Keys are value objects (records, lists)
 * naming what was read.
 */
public final class BatchMemo {

    private static final ThreadLocal<Map<Object, Object>> CURRENT = new ThreadLocal<>();
    /** Stands for a remembered null (an Optional.empty() is remembered as itself). */
    private static final Object NOTHING = new Object();

    private BatchMemo() {
    }

    /** Runs {@code work} with a fresh memo, dropped when it returns (committed or rolled back). */
    static <T> T during(Supplier<T> work) {
        Map<Object, Object> outer = CURRENT.get();
        CURRENT.set(new HashMap<>());
        try {
            return work.get();
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
        Map<Object, Object> memo = CURRENT.get();
        if (memo == null) {
            return read.get();
        }
        Object known = memo.get(key);
        if (known == null) {
            T value = read.get();
            memo.put(key, value == null ? NOTHING : value);
            return value;
        }
        return known == NOTHING ? null : (T) known;
    }
}
