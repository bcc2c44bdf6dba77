package app.rapport.platform.outbox;

import app.rapport.platform.events.Topics;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes relayed outbox rows once they are older than the retention period, and rows that name a
 * patient (the topics of {@link Topics#CARRYING_PATIENT_DATA}) after their own, shorter one
 * (docs/data-retention.md). A row the relay has not published yet is never deleted, however old.
 */
@Singleton
public class OutboxJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxJanitor.class);

    private final OutboxRepository repository;
    private final OutboxSettings settings;
    private final Clock clock;

    public OutboxJanitor(OutboxRepository repository, OutboxSettings settings, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.settings = settings;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "5m")
    void deleteOldPublished() {
        try {
            Instant now = clock.instant();
            int patientRows = repository.deletePublishedOnTopicsBefore(Topics.CARRYING_PATIENT_DATA,
                    now.minus(settings.getPatientDataRetention()));
            int deleted = repository.deletePublishedBefore(now.minus(settings.getRetention()));
            if (deleted + patientRows > 0) {
                LOG.info("Deleted {} relayed outbox rows, {} of them naming a patient", deleted + patientRows, patientRows);
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox clean-up failed; will try again: {}", e.toString());
        }
    }
}
