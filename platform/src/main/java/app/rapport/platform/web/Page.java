package app.rapport.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/**
 * The one shape of every list answer: {@code {"items": [...], "page": p, "size": s, "total": n, "totalCapped": b}};
 * an empty page still has {@code "items": []}. {@code total} is exact unless {@code totalCapped}: then the
 * list holds at least {@code total} items (see {@link app.rapport.platform.persistence.ListQuery#TOTAL_CAP}),
 * because counting a clinic's whole history on every page is what made lists slow.
 */
@Serdeable
public record Page<T>(@JsonInclude(JsonInclude.Include.ALWAYS) List<T> items, int page, int size, long total,
                      boolean totalCapped) {

    @Creator
    public Page {
    }

    /** A page whose total is exact (a list the service holds whole, or a count that is bounded by nature). */
    public Page(List<T> items, int page, int size, long total) {
        this(items, page, size, total, false);
    }

    public static <T> Page<T> of(io.micronaut.data.model.Page<T> page) {
        return new Page<>(page.getContent(), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }

    public static <E, T> Page<T> of(io.micronaut.data.model.Page<E> page, Function<E, T> view) {
        return new Page<>(page.getContent().stream().map(view).toList(), page.getPageNumber(), page.getSize(),
                page.getTotalSize());
    }

    /** The same page with each item turned into its view; the total and its cap stay. */
    public <V> Page<V> map(Function<T, V> view) {
        return new Page<>(items.stream().map(view).toList(), page, size, total, totalCapped);
    }

    /** The same page with other items (e.g. views built for the whole page at once). */
    public <V> Page<V> with(List<V> views) {
        return new Page<>(views, page, size, total, totalCapped);
    }
}
