package app.rapport.platform.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock every service reads "now" from (UTC; a clinic's day comes from its time zone).
 * Tests replace the bean ({@code @Replaces(Clock.class)} or {@code @MockBean(Clock.class)}) to
 * move time instead of waiting for it. Left on the wall clock on purpose: token expiry (as the
 * identity provider counts it), the relay's leader checks and metric caches.
 */
@Factory
public class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
