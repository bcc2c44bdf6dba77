package app.rapport.platform.domain;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optimistic check of a mutable record's version against the one the caller read (the web
 * edge carries it as {@code ETag}/{@code If-Match}; see {@code platform.web.Versions}). The tag is
 * the version number, quoted: {@code "7"}; a weak tag ({@code W/"7"}) is accepted too, because
 * proxies weaken tags they re-encode.
 */
public final class VersionCheck {

    /** The name the caller sends the expected version under. */
    public static final String IF_MATCH = "If-Match";
    /** Carried by a {@link DomainException.Refusal#STALE} refusal: the version there now. */
    public static final String CURRENT_VERSION = "currentVersion";

    private static final Pattern TAG = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");

    private VersionCheck() {
    }

    /** The version {@code ifMatch} names; empty when absent or {@code *} (any version). Anything else is malformed. */
    public static OptionalLong expected(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher m = TAG.matcher(ifMatch);
        if (!m.matches()) {
            throw new DomainException(DomainException.Refusal.MALFORMED, "invalid-header", "Invalid header",
                    "If-Match: expected the ETag of the record as returned by GET, e.g. \"3\"",
                    List.of(new DomainException.Field(IF_MATCH, "expected an ETag such as \"3\"")));
        }
        return OptionalLong.of(Long.parseLong(m.group(1)));
    }

    /** Refuses the change when {@code ifMatch} names another version than the current one. */
    public static void check(String ifMatch, long current, String what) {
        OptionalLong expected = expected(ifMatch);
        if (expected.isPresent() && expected.getAsLong() != current) {
            throw stale(what, current);
        }
    }

    /** The record changed since the caller read it; names the current version so they can re-read it. */
    public static DomainException stale(String what, long current) {
        return DomainException.refused(DomainException.Refusal.STALE, "stale-version", "Changed by someone else",
                what + " was changed by someone else since you read it; read it again (version " + current + ") and retry")
                .with(CURRENT_VERSION, current);
    }
}
