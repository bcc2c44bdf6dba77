package app.rapport.platform.observability;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code rapport.pipeline.*}: when the relay and consumers count as sick, and how they are restarted. */
@ConfigurationProperties("rapport.pipeline")
public class PipelineSettings {

    /** A loop that shows no progress for this long (retrying one record, or not polling) turns readiness DOWN. */
    private Duration stuckAfter = Duration.ofSeconds(60);
    /**
     * How long a consumer that holds no partition keeps readiness DOWN: two of the group
     * protocol's 5 s heartbeats and some slack, the time a partition hand-over takes to reach it.
     */
    private Duration partitionsSettleAfter = Duration.ofSeconds(12);
    /** First wait before a dead loop starts again; doubled on each death in a row up to the maximum. */
    private Duration restartBackoff = Duration.ofSeconds(1);
    private Duration maxRestartBackoff = Duration.ofSeconds(30);
    /** How often the broker is asked whether it answers, and how long one question may take. */
    private Duration brokerCheckTimeout = Duration.ofSeconds(3);

    public Duration getPartitionsSettleAfter() {
        return partitionsSettleAfter;
    }

    public void setPartitionsSettleAfter(Duration partitionsSettleAfter) {
        this.partitionsSettleAfter = partitionsSettleAfter;
    }

    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public Duration getRestartBackoff() {
        return restartBackoff;
    }

    public void setRestartBackoff(Duration restartBackoff) {
        this.restartBackoff = restartBackoff;
    }

    public Duration getMaxRestartBackoff() {
        return maxRestartBackoff;
    }

    public void setMaxRestartBackoff(Duration maxRestartBackoff) {
        this.maxRestartBackoff = maxRestartBackoff;
    }

    public Duration getBrokerCheckTimeout() {
        return brokerCheckTimeout;
    }

    public void setBrokerCheckTimeout(Duration brokerCheckTimeout) {
        this.brokerCheckTimeout = brokerCheckTimeout;
    }

    /** A loop supervised with these settings' backoff. */
    public PipelineLoop loop(String name, PipelineLoop.Body body) {
        return new PipelineLoop(name, restartBackoff, maxRestartBackoff, body);
    }
}
