package app.rapport.reports.domain;

import app.rapport.reports.config.ReportsSettings;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * The recovery step of {@link Sending}: at start and then every
 * {@code rapport.reports.sending.recovery-interval}, a report, letter or status update SENDING for
 * longer than {@code rapport.reports.sending.unconfirmed-after} belongs to a sender that stopped
 * between delivery and SENT (a crash, a kill). Nobody can tell whether the mail server took it, so
 * it becomes DELIVERY_UNCONFIRMED with its disclosure kept — for staff to confirm or send again —
 * rather than being sent a second time unseen. The threshold is longer than any delivery takes, so
 * a replica still delivering is left alone.
 */
@Singleton
public class SendingRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SendingRecovery.class);

    private final ReportLifecycle reports;
    private final Letters letters;
    private final StatusUpdates updates;
    private final ReportsSettings settings;
    private final Clock clock;

    public SendingRecovery(ReportLifecycle reports, Letters letters, StatusUpdates updates,
                           ReportsSettings settings, Clock clock) {
        this.reports = reports;
        this.letters = letters;
        this.updates = updates;
        this.settings = settings;
        this.clock = clock;
    }

    /** Once the service is up (after a crash, this is the restart): before anyone looks at the queue. */
    @EventListener
    void onStartup(ServerStartupEvent event) {
        flagStale();
    }

    @Scheduled(fixedDelay = "${rapport.reports.sending.recovery-interval:1m}",
            initialDelay = "${rapport.reports.sending.recovery-interval:1m}")
    void scheduled() {
        flagStale();
    }

    /** @return how many were flagged */
    @Transactional
    public long flagStale() {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(settings.getUnconfirmedAfter());
        // Each through the one class that owns its status.
        long r = reports.flagStaleSends(staleBefore, now);
        long l = letters.flagStaleSends(staleBefore, now);
        long u = updates.flagStaleSends(staleBefore, now);
        if (r + l + u > 0) {
            LOG.warn("Flagged delivery unconfirmed after a stopped send: {} report(s), {} letter(s), {} status update(s)",
                    r, l, u);
        }
        return r + l + u;
    }
}
