package app.rapport.platform.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A service's clock in tests: the real time unless a test moves it (a week back, the hour a
 * referral is accepted at). A service's test bean extends it with {@code @Replaces(Clock.class)},
 * replacing the platform's {@code ClockFactory}.
 */
public class MovableClock extends Clock {

    /** Shared with every zoned view, so a view moves with the clock it came from. */
    private final AtomicReference<Instant> fixed;
    private final ZoneId zone;

    public MovableClock() {
        this(new AtomicReference<>(), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Instant> fixed, ZoneId zone) {
        this.fixed = fixed;
        this.zone = zone;
    }

    public void set(Instant instant) {
        fixed.set(instant);
    }

    public void reset() {
        fixed.set(null);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * The same moving instant seen in {@code zone}: {@code LocalDate.now(clock.withZone(z))} is the
     * clinic's day, as with the production clock.
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MovableClock(fixed, zone);
    }

    @Override
    public Instant instant() {
        Instant f = fixed.get();
        return f != null ? f : Instant.now();
    }
}
