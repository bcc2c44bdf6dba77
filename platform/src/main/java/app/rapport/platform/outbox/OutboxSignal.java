package app.rapport.platform.outbox;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Wakes the relay when a transaction that wrote to the outbox commits; no wake-up is lost. */
@Singleton
public class OutboxSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private boolean pending;

    public void wake() {
        lock.lock();
        try {
            pending = true;
            written.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken or {@code timeout} passes; returns whether it was woken. */
    public boolean await(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (!pending && nanos > 0) {
                nanos = written.awaitNanos(nanos);
            }
            boolean woken = pending;
            pending = false;
            return woken;
        } finally {
            lock.unlock();
        }
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return await(Duration.ofNanos(unit.toNanos(timeout)));
    }
}
