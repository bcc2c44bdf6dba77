package app.rapport.outreach.repository;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Plain SQL for the tables whose keys are (clinic, id) pairs or that need MySQL's upsert forms,
 * which generated repositories do not express. Joins the caller's transaction when there is one.
 */
@Singleton
public class Jdbc {

    private final TransactionOperations<Connection> transactions;

    public Jdbc(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Reads one row per result into a list. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                bind(ps, params);
                List<T> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(mapper.map(rs));
                    }
                }
                return out;
            } catch (SQLException e) {
                throw new DataAccessFailure(e);
            }
        });
    }

    public int update(String sql, Object... params) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new DataAccessFailure(e);
            }
        });
    }

    /**
     * Writes one of a clinic's own settings rows (its wording, its weekly goal), keyed by
     * {@code key}, bumping its {@code version}. With an {@code expected} version (a person's
     * If-Match; 0 = nothing saved yet) the write lands only over that version.
     *
     * @return false when the row holds another version than expected: nothing was written
     */
    public boolean writeVersioned(String table, Map<String, Object> key, Map<String, Object> values,
                                  OptionalLong expected) {
        List<Object> params = new ArrayList<>(key.values());
        params.addAll(values.values());
        String columns = String.join(", ", key.keySet()) + ", " + String.join(", ", values.keySet()) + ", version";
        String marks = "?, ".repeat(key.size() + values.size()) + "1";
        String sets = values.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(", "));
        if (expected.isEmpty()) {
            String fromInsert = values.keySet().stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
            return update("INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ") ON DUPLICATE KEY UPDATE "
                    + fromInsert + ", version = version + 1", params.toArray()) > 0;
        }
        if (expected.getAsLong() == 0) {
            return update("INSERT IGNORE INTO " + table + " (" + columns + ") VALUES (" + marks + ")", params.toArray()) == 1;
        }
        List<Object> updateParams = new ArrayList<>(values.values());
        updateParams.addAll(key.values());
        updateParams.add(expected.getAsLong());
        String where = key.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        return update("UPDATE " + table + " SET " + sets + ", version = version + 1 WHERE " + where + " AND version = ?",
                updateParams.toArray()) == 1;
    }

    /** The version of a row {@link #writeVersioned} keeps; 0 when the clinic saved none. */
    public long version(String table, Map<String, Object> key) {
        String where = key.keySet().stream().map(c -> c + " = ?").collect(Collectors.joining(" AND "));
        return query("SELECT version FROM " + table + " WHERE " + where, rs -> rs.getLong(1), key.values().toArray())
                .stream().findFirst().orElse(0L);
    }

    private static void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Instant instant) {
                ps.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof LocalDate date) {
                ps.setObject(i + 1, java.sql.Date.valueOf(date));
            } else if (p instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Keeps the SQLException as cause so the platform can tell a transient failure from a real one. */
    public static class DataAccessFailure extends RuntimeException {
        DataAccessFailure(SQLException cause) {
            super(cause);
        }
    }
}
