package app.rapport.outreach.config;

import app.rapport.platform.observability.StatusCount;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;

/** {@code rapport_outreach_tasks{type,status}}: how much outreach work is proposed, open, done, skipped. */
@Factory
public class TaskMetrics {

    @Singleton
    StatusCount tasksByTypeAndStatus() {
        return new StatusCount("rapport.outreach.tasks", "Outreach tasks by type and status, across the group's clinics",
                "SELECT type, status, COUNT(*) FROM outreach_task GROUP BY type, status", List.of("type", "status"));
    }
}
