package app.rapport.platform.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A second transaction holding a row's lock, for race tests: while it is held, the service's own
 * transactions that write the row queue up behind it, so a test can line two writers up exactly
 * where the race it reproduces happens, then let them go.
 *
 * <pre>
 * try (RowLock lock = RowLock.on(dataSource, "SELECT id FROM outreach_task WHERE id = ? FOR UPDATE", id)) {
 *     ... start the racing requests ...
 *     lock.awaitWaiters(2);
 *     lock.execute("UPDATE ...", ...); // optional: a write that commits with the release
 * }
 * </pre>
 */
public final class RowLock implements AutoCloseable {

    private final Connection connection;

    private RowLock(Connection connection) {
        this.connection = connection;
    }

    /** Opens a transaction and runs {@code lockingSelect} (a {@code SELECT … FOR UPDATE}) in it. */
    public static RowLock on(DataSource dataSource, String lockingSelect, Object... params) {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            RowLock lock = new RowLock(c);
            try (PreparedStatement s = c.prepareStatement(lockingSelect)) {
                bind(s, params);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("No row to lock: " + lockingSelect);
                    }
                }
            }
            return lock;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code count} other transactions are blocked on a lock (InnoDB's LOCK WAIT). */
    public void awaitWaiters(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters() >= count);
    }

    /** How many transactions are waiting for a lock right now. */
    public int waiters() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** A write inside the lock holder's transaction; it commits when the lock is released. */
    public int execute(String sql, Object... params) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Commits and lets the queued transactions go. */
    @Override
    public void close() {
        try {
            connection.commit();
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }
}
