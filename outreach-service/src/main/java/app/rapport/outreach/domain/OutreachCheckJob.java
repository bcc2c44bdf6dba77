package app.rapport.outreach.domain;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The periodic check: weekly goal tasks and check-ins with partners gone quiet. Every proposal is
 * stored once per occasion, so running it often (or on several replicas) creates nothing twice.
 */
@Singleton
public class OutreachCheckJob {

    private final RuleRunner runner;
    private final Clock clock;

    public OutreachCheckJob(RuleRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${rapport.outreach.check-interval:1h}",
            initialDelay = "${rapport.outreach.check-initial-delay:2m}")
    void run() {
        runner.checkAll(clock.instant());
    }
}
