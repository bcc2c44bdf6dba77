package app.rapport.reports;

import app.rapport.platform.testing.MovableClock;
import io.micronaut.context.annotation.Replaces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The service's clock in tests (see {@link MovableClock}): tests move it instead of waiting or depending on today's date. */
@Singleton
@Replaces(Clock.class)
public class TestClock extends MovableClock {
}
