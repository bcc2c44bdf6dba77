package app.rapport.platform.persistence;

import app.rapport.platform.web.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * A list endpoint's query, its WHERE built from the filters actually given. A filter written as
 * {@code (:x IS NULL OR col = :x)} leaves the optimizer one plan for every combination, usually a
 * scan of the clinic's rows; a condition only when the filter is there lets an index serve each
 * combination, and its order. The page's total is a bounded count ({@link #TOTAL_CAP}).
 *
 * <p>Conditions carry {@code ?} placeholders, one per value; a {@link Collection} value expands to
 * {@code ?, ?, ...} (write {@code col IN (?)}). Values are bound, never spliced into the SQL.
 * Services run it through {@link Lists}, in a read transaction, so the page and its total read one
 * snapshot on one connection.
 */
public final class ListQuery {

    /** Totals are exact up to this many rows; past it a page says {@code totalCapped}. */
    public static final int TOTAL_CAP = 10_000;

    private final String from;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private String columns = "*";
    private String orderBy;

    private ListQuery(String from) {
        this.from = from;
    }

    /** {@code table} may carry an alias: {@code "practitioner p"}. */
    public static ListQuery from(String table) {
        return new ListQuery(table);
    }

    /** A condition that always applies (the clinic, above all). */
    public ListQuery where(String condition, Object... values) {
        StringBuilder sql = new StringBuilder();
        int next = 0;
        for (int i = 0; i < condition.length(); i++) {
            char c = condition.charAt(i);
            if (c != '?') {
                sql.append(c);
                continue;
            }
            if (next >= values.length) {
                throw new IllegalArgumentException("more placeholders than values in " + condition);
            }
            Object value = values[next++];
            if (value instanceof Collection<?> many) {
                if (many.isEmpty()) {
                    throw new IllegalArgumentException("an empty IN list in " + condition);
                }
                sql.append(String.join(", ", Collections.nCopies(many.size(), "?")));
                many.forEach(v -> params.add(bindable(v)));
            } else {
                sql.append('?');
                params.add(bindable(value));
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException("more values than placeholders in " + condition);
        }
        conditions.add(sql.toString());
        return this;
    }

    /** The condition only when the filter was given ({@code value} not null); it binds {@code value} to each {@code ?}. */
    public ListQuery whereGiven(@Nullable Object value, String condition) {
        if (value == null) {
            return this;
        }
        int placeholders = (int) condition.chars().filter(c -> c == '?').count();
        Object[] values = new Object[placeholders];
        java.util.Arrays.fill(values, value);
        return where(condition, values);
    }

    /** The page's columns, {@code *} unless given (with an alias: {@code "p.*"}). */
    public ListQuery select(String columns) {
        this.columns = columns;
        return this;
    }

    public ListQuery orderBy(String order) {
        this.orderBy = order;
        return this;
    }

    /** {@code FROM ... WHERE ...}, no order. */
    public String fromWhere() {
        return "FROM " + from + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions));
    }

    public String selectSql() {
        return "SELECT " + columns + " " + fromWhere() + (orderBy == null ? "" : " ORDER BY " + orderBy);
    }

    public String pageSql(int page, int size) {
        return selectSql() + " LIMIT " + size + " OFFSET " + ((long) page * size);
    }

    /** Counts at most {@code cap + 1} rows: enough to tell an exact total from one past the cap. */
    public String boundedCountSql(int cap) {
        return "SELECT COUNT(*) FROM (SELECT 1 " + fromWhere() + " LIMIT " + (cap + 1) + ") capped";
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    /** Binds the conditions' values, in order, from the first parameter. */
    public void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
    }

    /** One page of entities, with a total exact up to {@code cap} (services: {@link Lists#page}). */
    public <E> Page<E> page(JdbcOperations jdbc, Class<E> entity, int page, int size, int cap) {
        List<E> items = jdbc.prepareStatement(pageSql(page, size), statement -> {
            bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return jdbc.entityStream(rows, entity).toList();
            }
        });
        long offset = (long) page * size;
        if (items.size() < size && (!items.isEmpty() || page == 0) && offset + items.size() <= cap) {
            // A short page is the last one: its end is the total, no count needed.
            return new Page<>(items, page, size, offset + items.size(), false);
        }
        long counted = count(jdbc, cap);
        return new Page<>(items, page, size, Math.min(counted, cap), counted > cap);
    }

    /** How many rows match, at most {@code cap + 1}. */
    public long count(JdbcOperations jdbc, int cap) {
        return jdbc.prepareStatement(boundedCountSql(cap), statement -> {
            bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Rows of any other shape (e.g. counts per status) over the same conditions. */
    public <R> List<R> list(JdbcOperations jdbc, String sql, RowReader<R> reader) {
        return jdbc.prepareStatement(sql, statement -> {
            bind(statement);
            List<R> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(reader.read(rows));
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    public interface RowReader<R> {
        R read(ResultSet row) throws SQLException;
    }

    private static Object bindable(Object value) {
        return value instanceof Enum<?> e ? e.name() : value;
    }
}
