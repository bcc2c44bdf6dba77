package app.rapport.reports.config;

import app.rapport.platform.observability.StatusCount;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;

/** {@code rapport_reports{type,status}}: reports waiting for consent, in draft, sent. */
@Factory
public class ReportMetrics {

    @Singleton
    StatusCount reportsByTypeAndStatus() {
        return new StatusCount("rapport.reports", "Progress reports by type and status, across the group's clinics",
                "SELECT type, status, COUNT(*) FROM report GROUP BY type, status", List.of("type", "status"));
    }
}
