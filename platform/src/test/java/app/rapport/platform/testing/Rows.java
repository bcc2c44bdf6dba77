package app.rapport.platform.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Many rows at once, straight into a table (multi-row INSERTs in one transaction): the volume a
 * list's query plan is judged at, without going through the API a few thousand times.
 */
public final class Rows {

    private static final int CHUNK = 500;

    private Rows() {
    }

    /** Inserts {@code count} rows; {@code row.apply(i)} gives row i's values in {@code columns} order. */
    public static void insert(DataSource dataSource, String table, List<String> columns, int count,
                              IntFunction<Object[]> row) {
        String tuple = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES "
                        + String.join(", ", Collections.nCopies(n, tuple));
                try (PreparedStatement insert = connection.prepareStatement(sql)) {
                    int p = 1;
                    for (int i = start; i < start + n; i++) {
                        Object[] values = row.apply(i);
                        if (values.length != columns.size()) {
                            throw new IllegalArgumentException("row " + i + " has " + values.length + " values");
                        }
                        for (Object v : values) {
                            insert.setObject(p++, v);
                        }
                    }
                    insert.executeUpdate();
                }
            }
            connection.commit();
            try (var analyze = connection.createStatement()) {
                // fresh statistics, as a table that grew over months would have
                analyze.execute("ANALYZE TABLE " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("inserting " + count + " rows into " + table, e);
        }
    }
}
