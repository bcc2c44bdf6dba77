package app.rapport.platform.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A gauge per combination of a few columns (e.g. task type and status), counted by one GROUP BY
 * query. Services refresh it on a schedule, so a scrape never waits on the database. No clinic
 * tag: a group of clinics would multiply the series; per-clinic numbers are in the analytics.
 */
public final class CountsByStatus {

    private static final Logger LOG = LoggerFactory.getLogger(CountsByStatus.class);

    private final MultiGauge gauge;
    private final DataSource dataSource;
    private final String sql;
    private final String[] tagNames;

    /** @param sql selects the tag columns in order, then the count */
    public CountsByStatus(MeterRegistry registry, DataSource dataSource, String name, String description,
                          String sql, String... tagNames) {
        this.gauge = MultiGauge.builder(name).description(description).register(registry);
        this.dataSource = dataSource;
        this.sql = sql;
        this.tagNames = tagNames;
    }

    public void refresh() {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                Tags tags = Tags.empty();
                for (int i = 0; i < tagNames.length; i++) {
                    tags = tags.and(tagNames[i], String.valueOf(rs.getString(i + 1)));
                }
                rows.add(MultiGauge.Row.of(tags, rs.getLong(tagNames.length + 1)));
            }
            gauge.register(rows, true);
        } catch (SQLException e) {
            LOG.debug("Counting for {} failed; the gauge keeps its last values", gauge, e);
        }
    }
}
