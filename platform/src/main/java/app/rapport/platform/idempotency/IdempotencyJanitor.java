package app.rapport.platform.idempotency;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/** Forgets Idempotency-Keys once they are older than the retention period. */
@Singleton
public class IdempotencyJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final Clock clock;

    public IdempotencyJanitor(IdempotencyKeys keys, IdempotencySettings settings, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "5m")
    void forgetOldKeys() {
        purge(clock.instant());
    }

    /** Deletes keys claimed before {@code now} minus the retention; returns how many went. */
    public int purge(Instant now) {
        try {
            int deleted = keys.deleteCreatedBefore(now.minus(settings.getRetention()));
            if (deleted > 0) {
                LOG.info("Forgot {} Idempotency-Keys older than {}", deleted, settings.getRetention());
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("Idempotency-Key clean-up failed; will try again: {}", e.toString());
            return 0;
        }
    }
}
