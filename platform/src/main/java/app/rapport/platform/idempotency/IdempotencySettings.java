package app.rapport.platform.idempotency;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** {@code rapport.idempotency.*}. */
@ConfigurationProperties("rapport.idempotency")
public class IdempotencySettings {

    /** A key's first outcome is replayed this long (the draft asks for at least 24 h), then purged. */
    private Duration retention = Duration.ofHours(24);
    /**
     * A claim whose request has not answered within this time, and committed nothing, is taken to
     * be abandoned (its process died) and a retry may run in its place.
     */
    private Duration lease = Duration.ofSeconds(60);

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }
}
