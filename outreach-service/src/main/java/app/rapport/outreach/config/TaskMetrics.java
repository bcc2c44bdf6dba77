package app.rapport.outreach.config;

import app.rapport.platform.observability.CountsByStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;

import javax.sql.DataSource;

/** {@code rapport_outreach_tasks{type,status}}: how much outreach work is open, done, skipped. */
@Context
@Requires(beans = MeterRegistry.class)
public class TaskMetrics {

    private final CountsByStatus tasks;

    public TaskMetrics(MeterRegistry registry, DataSource dataSource, DataSourceResolver resolver) {
        tasks = new CountsByStatus(registry, resolver.resolve(dataSource), "rapport.outreach.tasks",
                "Outreach tasks by type and status, across the group's clinics",
                "SELECT type, status, COUNT(*) FROM outreach_task GROUP BY type, status", "type", "status");
        tasks.refresh();
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void refresh() {
        tasks.refresh();
    }
}
