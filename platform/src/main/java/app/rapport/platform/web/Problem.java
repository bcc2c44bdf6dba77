package app.rapport.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * RFC 7807 problem details, the body of every 4xx and 5xx answer.
 *
 * @param errors one entry per invalid field, naming the field as the client sent it
 * @param extra  problem-specific members, e.g. {@code existingId} on a duplicate
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, @Nullable String detail, @Nullable String instance,
                      @Nullable List<FieldError> errors, @Nullable Map<String, Object> extra) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://rapport.app/problems/";

    /** One invalid field. */
    @Serdeable
    public record FieldError(String field, String message) {
    }
}
