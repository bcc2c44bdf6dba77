package app.rapport.platform.web;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpResponse;

import java.util.OptionalLong;

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
    public static final String IF_MATCH = VersionCheck.IF_MATCH;

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Puts the record's version on the response, so the next update can name it. */
    public static <T> MutableHttpResponse<T> tagged(MutableHttpResponse<T> response, long version) {
        return response.header(ETAG, etag(version));
    }

    /** The version an {@code If-Match} header names ({@link VersionCheck#expected}). */
    public static OptionalLong expected(@Nullable String ifMatch) {
        return VersionCheck.expected(ifMatch);
    }

    /** Refuses the update when the client's {@code If-Match} names another version ({@link VersionCheck#check}). */
    public static void check(@Nullable String ifMatch, long current, String what) {
        VersionCheck.check(ifMatch, current, what);
    }

    /** 412 with the current version's ETag ({@link DomainExceptionHandler}). */
    public static DomainException stale(String what, long current) {
        return VersionCheck.stale(what, current);
    }
}
