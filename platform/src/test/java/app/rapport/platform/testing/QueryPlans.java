package app.rapport.platform.testing;

import app.rapport.platform.persistence.ListQuery;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an ops engineer would look for in a slow list: the database's own plan (EXPLAIN) of a list
 * page and of its bounded total. Every table the plan reads must be reached through an index
 * (no {@code ALL} full scan, no {@code index} full index scan) and the page's order must come from
 * that index (no {@code Using filesort}, unless of at most {@link #SMALL_SORT} rows found through an index). Derived tables ({@code <derived2>}: the
 * bounded count's own at most cap + 1 rows) and materialized subqueries are not checked for scans.
 *
 * <p>Run it after the table holds a few thousand rows, or the optimizer rightly prefers a scan.
 */
public final class QueryPlans {

    /**
     * A sort the plan may do: of at most this many rows, found through an index (one tag's
     * partners, one referral's reports). Sorting those costs less than any index would save; the
     * seeded clinic has thousands, so a sort of the clinic's rows is still caught.
     */
    public static final long SMALL_SORT = 500;

    private QueryPlans() {
    }

    /** The page of {@code query} (ordered, first page of 20) and its bounded count are both served by indexes. */
    public static void assertServedByIndexes(DataSource dataSource, String description, ListQuery query) {
        assertServedByIndexes(dataSource, description + " (page)", query.pageSql(0, 20), query);
        assertServedByIndexes(dataSource, description + " (total)", query.boundedCountSql(ListQuery.TOTAL_CAP), query);
    }

    public static void assertServedByIndexes(DataSource dataSource, String description, String sql, ListQuery query) {
        List<String> plan = explain(dataSource, sql, query);
        List<String> bad = plan.stream().filter(QueryPlans::scansOrSorts).toList();
        assertThat(bad).as("%s is served by indexes; SQL: %s%nplan:%n%s", description, sql, String.join("\n", plan))
                .isEmpty();
    }

    /** The plan's rows as {@code table type key extra}. */
    public static List<String> explain(DataSource dataSource, String sql, ListQuery query) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement("EXPLAIN " + sql)) {
            query.bind(statement);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add("table=" + rs.getString("table") + " type=" + rs.getString("type") + " key="
                            + rs.getString("key") + " rows=" + rs.getString("rows") + " extra=" + rs.getString("Extra"));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("EXPLAIN " + sql, e);
        }
    }

    private static boolean scansOrSorts(String row) {
        String lower = row.toLowerCase(Locale.ROOT);
        if (lower.contains("using filesort") && !(reachedByKey(lower) && estimatedRows(lower) <= SMALL_SORT)) {
            return true;
        }
        if (row.startsWith("table=<") || row.startsWith("table=null")) {
            // the bounded count's derived table, a materialized subquery, or no table at all
            return false;
        }
        return lower.contains(" type=all ") || lower.contains(" type=index ") || lower.contains(" key=null ");
    }

    private static boolean reachedByKey(String lower) {
        return !lower.contains(" type=all ") && !lower.contains(" type=index ") && !lower.contains(" key=null ");
    }

    private static long estimatedRows(String lower) {
        int at = lower.indexOf(" rows=") + " rows=".length();
        int end = lower.indexOf(' ', at);
        try {
            return Long.parseLong(lower.substring(at, end));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
