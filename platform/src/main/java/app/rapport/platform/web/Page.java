package app.rapport.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.function.Function;

/** The one shape of every list answer: {@code {"items": [...], "page": p, "size": s, "total": n}}; an empty page still has {@code "items": []}. */
@Serdeable
public record Page<T>(@JsonInclude(JsonInclude.Include.ALWAYS) List<T> items, int page, int size, long total) {

    public static <T> Page<T> of(io.micronaut.data.model.Page<T> page) {
        return new Page<>(page.getContent(), page.getPageNumber(), page.getSize(), page.getTotalSize());
    }

    public static <E, T> Page<T> of(io.micronaut.data.model.Page<E> page, Function<E, T> view) {
        return new Page<>(page.getContent().stream().map(view).toList(), page.getPageNumber(), page.getSize(),
                page.getTotalSize());
    }
}
