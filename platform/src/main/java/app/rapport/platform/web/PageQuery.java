package app.rapport.platform.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * {@code ?page=&size=} on every list endpoint; pages count from 0, at most 200 items each.
 * Bind with {@code @RequestBean PageQuery paging}.
 */
@Introspected
public record PageQuery(@Nullable @QueryValue @Min(0) Integer page,
                        @Nullable @QueryValue @Min(1) @Max(MAX_SIZE) Integer size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 200;

    public int pageNumber() {
        return page == null ? 0 : page;
    }

    public int pageSize() {
        return size == null ? DEFAULT_SIZE : size;
    }

    public Pageable pageable(Sort sort) {
        return Pageable.from(pageNumber(), pageSize(), sort);
    }
}
