package app.rapport.reports.config;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The one clock the service reads "now" from; tests replace it to stand at a chosen instant. */
@Factory
public class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
