package app.rapport.platform.observability;

import java.util.List;

/**
 * A gauge a service declares as a bean: the platform registers it and keeps it fresh. The query
 * selects the tag columns in order, then the count.
 *
 * @param name        e.g. {@code rapport.outreach.tasks}
 * @param description what it counts, for Prometheus' HELP line
 * @param sql         e.g. {@code SELECT type, status, COUNT(*) FROM outreach_task GROUP BY type, status}
 * @param tags        the names of the selected tag columns, e.g. {@code type}, {@code status}
 */
public record StatusCount(String name, String description, String sql, List<String> tags) {
}
