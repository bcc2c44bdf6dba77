package app.rapport.platform.persistence;

import app.rapport.platform.web.Page;
import app.rapport.platform.web.PageQuery;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;

import java.util.List;

/** Runs a service's {@link ListQuery}: a page of entities with its bounded total, or rows of another shape. */
@Singleton
@ReadOnly // the page and its total read one snapshot, on one connection
public class Lists {

    private final JdbcOperations jdbc;

    public Lists(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The page {@code paging} asks for; its total is exact up to {@link ListQuery#TOTAL_CAP}, then capped. */
    public <E> Page<E> page(ListQuery query, Class<E> entity, PageQuery paging) {
        return query.page(jdbc, entity, paging.pageNumber(), paging.pageSize(), ListQuery.TOTAL_CAP);
    }

    /** Rows of any other shape (e.g. counts per status) over the query's conditions. */
    public <R> List<R> rows(ListQuery query, String sql, ListQuery.RowReader<R> reader) {
        return query.list(jdbc, sql, reader);
    }
}
