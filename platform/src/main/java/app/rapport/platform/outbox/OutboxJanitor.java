package app.rapport.platform.outbox;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/** Deletes relayed outbox rows once they are older than the retention period. */
@Singleton
public class OutboxJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxJanitor.class);

    private final OutboxRepository repository;
    private final OutboxSettings settings;

    public OutboxJanitor(OutboxRepository repository, OutboxSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "5m")
    void deleteOldPublished() {
        try {
            int deleted = repository.deletePublishedBefore(Instant.now().minus(settings.getRetention()));
            if (deleted > 0) {
                LOG.info("Deleted {} relayed outbox rows", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox clean-up failed; will try again: {}", e.toString());
        }
    }
}
