package app.rapport.reports.domain;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs the sender every {@code rapport.reports.status-updates.interval}; switched off with {@code .enabled=false}. */
@Singleton
@Requires(property = "rapport.reports.status-updates.enabled", notEquals = "false")
public class StatusUpdateSchedule {

    private final StatusUpdateSender sender;

    public StatusUpdateSchedule(StatusUpdateSender sender) {
        this.sender = sender;
    }

    @Scheduled(fixedDelay = "${rapport.reports.status-updates.interval:30s}",
            initialDelay = "${rapport.reports.status-updates.interval:30s}")
    void sendPending() {
        sender.sendPending();
    }
}
