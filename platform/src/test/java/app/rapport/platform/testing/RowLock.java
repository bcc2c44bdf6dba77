package app.rapport.platform.testing;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.awaitility.Awaitility.await;

/**
 * A second transaction holding a row's (or a table's) lock, for race tests: while it is held, the service's own
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

    private final DataSource dataSource;
    private final Connection connection;
    private final boolean tableLock;

    private RowLock(DataSource dataSource, Connection connection, boolean tableLock) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.tableLock = tableLock;
    }

    /**
     * Holds a whole table ({@code LOCK TABLES … WRITE}): a service transaction that reaches its
     * first write to the table waits there, mid-way, with whatever it read and locked before.
     */
    public static RowLock table(DataSource dataSource, String table) {
        try {
            Connection c = dataSource.getConnection();
            try (PreparedStatement s = c.prepareStatement("LOCK TABLES " + table + " WRITE")) {
                s.execute();
            }
            return new RowLock(dataSource, c, true);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens a transaction and runs {@code lockingSelect} (a {@code SELECT … FOR UPDATE}) in it. */
    public static RowLock on(DataSource dataSource, String lockingSelect, Object... params) {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(false);
            RowLock lock = new RowLock(dataSource, c, false);
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

    /** Waits until {@code count} other sessions are blocked on a table lock ({@link #table}). */
    public void awaitTableWaiters(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE STATE LIKE 'Waiting for table%'") >= count);
    }

    /** How many transactions are waiting for a row lock right now. */
    public int waiters() throws SQLException {
        return count("SELECT COUNT(*) FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'");
    }

    private int count(String sql) throws SQLException {
        // On a connection of its own: the lock holder's session may see only the tables it locked.
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql);
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
            if (tableLock) {
                try (PreparedStatement s = connection.prepareStatement("UNLOCK TABLES")) {
                    s.execute();
                }
            } else {
                connection.commit();
            }
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
