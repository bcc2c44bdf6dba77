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
