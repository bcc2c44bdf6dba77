package app.rapport.platform.logging;

import java.util.regex.Pattern;

/**
 * An intake link's token is the path segment after {@code /intake/} (referrals-service's
 * {@code /api/v1/intake/{token}}, the console's {@code /intake/{token}}). Whoever holds it can
 * submit referrals as the partner, so it is a credential: no log line and no problem+json
 * {@code instance} carries it.
 */
public final class IntakeTokens {

    /** The segment after {@code /intake/}, also as JSON logs escape it ({@code \/intake\/}); tokens are base64url. */
    private static final Pattern TOKEN_IN_PATH = Pattern.compile("(\\\\?/intake\\\\?/)[A-Za-z0-9_-]+");
    static final String MASK = "$1***";

    private IntakeTokens() {
    }

    /** {@code /api/v1/intake/AbC…} → {@code /api/v1/intake/***}; anything else unchanged. */
    public static String masked(String text) {
        if (text == null || !text.contains("intake")) {
            return text;
        }
        return TOKEN_IN_PATH.matcher(text).replaceAll(MASK);
    }
}
