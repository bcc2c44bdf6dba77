package app.rapport.platform.observability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One long-running loop of the event pipeline (the outbox relay, or one consumer of a handler) on
 * a thread of its own that does not stay dead: whatever escapes the loop's body, an {@link Error}
 * included, is logged and counted, and the body starts again after a bounded exponential backoff.
 *
 * <p>The body calls {@link #progress()} whenever it shows it is working (a poll returned, a batch
 * was relayed, there was nothing to do). {@link PipelineHealth} reads {@link #state} for readiness
 * and the {@code *_alive} gauges: a loop that is between restarts is DEAD, one that has not shown
 * progress for longer than the threshold is STUCK.
 */
public final class PipelineLoop {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineLoop.class);

    public enum State { ALIVE, STUCK, DEAD }

    /** The loop's work; it returns only when {@link #isRunning()} turns false. */
    @FunctionalInterface
    public interface Body {
        void run(PipelineLoop loop) throws Exception;
    }

    private final String name;
    private final Body body;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final AtomicLong restarts = new AtomicLong();
    private volatile boolean running;
    private volatile boolean dead;
    private volatile long lastProgressNanos = System.nanoTime();
    private volatile String lastFailure;
    /** What the loop is doing besides being alive, for readiness details (the relay: leader or standby). */
    private volatile String role = "";
    private Thread thread;

    public PipelineLoop(String name, Duration firstBackoff, Duration maxBackoff, Body body) {
        this.name = name;
        this.body = body;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dead = false;
        lastProgressNanos = System.nanoTime();
        thread = new Thread(this::supervise, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks the body to return; the caller wakes it from whatever it blocks on, then {@link #join}s. */
    public void requestStop() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
    }

    public void join(Duration timeout) {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Interrupts the loop's thread (for bodies that wait in {@code Thread.sleep} or conditions). */
    public synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    public boolean isRunning() {
        return running;
    }

    public String name() {
        return name;
    }

    public void progress() {
        lastProgressNanos = System.nanoTime();
    }

    public void role(String role) {
        this.role = role;
    }

    public String role() {
        return role;
    }

    public long restarts() {
        return restarts.get();
    }

    public String lastFailure() {
        return lastFailure;
    }

    public State state(Duration stuckAfter) {
        Thread t = thread;
        if (!running) {
            return State.ALIVE; // stopped on purpose (shutdown or switched off): not a sickness
        }
        if (dead || t == null || !t.isAlive()) {
            return State.DEAD;
        }
        return System.nanoTime() - lastProgressNanos > stuckAfter.toNanos() ? State.STUCK : State.ALIVE;
    }

    /** Waits out {@code d}; returns false, early, when the loop is asked to stop. */
    public synchronized boolean pause(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        try {
            while (running && System.nanoTime() < until) {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return running;
    }

    private void supervise() {
        int failures = 0;
        while (running) {
            long startedAt = System.nanoTime();
            try {
                body.run(this);
                failures = 0;
                if (running) {
                    throw new IllegalStateException("The loop returned while it should still run");
                }
            } catch (Throwable e) {
                if (!running) {
                    break; // shutting down: whatever the body threw on its way out is not a failure
                }
                if (System.nanoTime() - startedAt > maxBackoff.toNanos()) {
                    failures = 0; // it had run well for a while: this death starts the backoff afresh
                }
                failures++;
                dead = true;
                restarts.incrementAndGet();
                lastFailure = e.getClass().getName();
                Duration backoff = backoff(failures);
                // The class and message only: a handler's exception message may quote an event's payload.
                LOG.error("{} died ({}), restarting in {} ms (restart {})", name, e.getClass().getName(),
                        backoff.toMillis(), restarts.get());
                LOG.debug("{} died", name, e);
                Thread.interrupted(); // a stale interrupt would cut the backoff and the next run short
                if (!pause(backoff)) {
                    break;
                }
                dead = false;
                lastProgressNanos = System.nanoTime();
            }
        }
    }

    private Duration backoff(int failures) {
        long millis = firstBackoff.toMillis() << Math.min(failures - 1, 16);
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }
}
