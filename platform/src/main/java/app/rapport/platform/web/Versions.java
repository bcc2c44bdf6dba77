package app.rapport.platform.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mutable record's version as HTTP sees it: the {@code ETag} a GET returns and the
 * {@code If-Match} an update sends back (RFC 9110 §8.8.3, §13.1.1). Every service speaks it the
 * same way, so a client (the console above all) handles "someone else saved first" once.
 *
 * <p>The tag is the record's version number, quoted: {@code "7"}. A weak tag ({@code W/"7"}) is
 * accepted in {@code If-Match} too, because proxies weaken tags they re-encode.
 */
public final class Versions {

    public static final String ETAG = "ETag";
    public static final String IF_MATCH = "If-Match";

    private static final Pattern TAG = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Puts the record's version on the response, so the next update can name it. */
    public static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, long version) {
        return response.header(ETAG, etag(version));
    }

    /**
     * The version an {@code If-Match} header names; empty when the header is absent or {@code *}
     * (any current version). A header that is not one of our tags is a 400 naming the header.
     */
    public static OptionalLong expected(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher m = TAG.matcher(ifMatch);
        if (!m.matches()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                    "If-Match: expected the ETag of the record as returned by GET, e.g. \"3\"",
                    java.util.List.of(new Problem.FieldError(IF_MATCH, "expected an ETag such as \"3\"")));
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    /** Refuses the update when the client's {@code If-Match} names another version than the current one. */
    public static void check(@Nullable String ifMatch, long current, String what) {
        OptionalLong expected = expected(ifMatch);
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw stale(what, current);
        }
    }

    /**
     * 412: the record changed since the client read it. Names the current version so the client
     * can re-read and show the person what the other save changed.
     */
    public static ProblemException stale(String what, long current) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "stale-version", "Changed by someone else",
                what + " was changed by someone else since you read it; read it again (version " + current + ") and retry")
                .with("currentVersion", current)
                .withHeader(ETAG, etag(current));
    }
}
