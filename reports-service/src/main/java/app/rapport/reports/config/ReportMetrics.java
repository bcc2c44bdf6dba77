package app.rapport.reports.config;

import app.rapport.platform.observability.CountsByStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;

import javax.sql.DataSource;

/** {@code rapport_reports{type,status}}: reports waiting for consent, in draft, sent. */
@Context
@Requires(beans = MeterRegistry.class)
public class ReportMetrics {

    private final CountsByStatus reports;

    public ReportMetrics(MeterRegistry registry, DataSource dataSource, DataSourceResolver resolver) {
        reports = new CountsByStatus(registry, resolver.resolve(dataSource), "rapport.reports",
                "Progress reports by type and status, across the group's clinics",
                "SELECT type, status, COUNT(*) FROM report GROUP BY type, status", "type", "status");
        reports.refresh();
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refresh() {
        reports.refresh();
    }
}
