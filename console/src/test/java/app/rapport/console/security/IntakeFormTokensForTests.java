package app.rapport.console.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** For browser tests: a form token as the console under test would have rendered it at another time. */
public final class IntakeFormTokensForTests {

    private IntakeFormTokensForTests() {
    }

    public static String renderedAt(String consoleSecret, String linkToken, Instant at) {
        return new IntakeFormTokens(consoleSecret, Clock.fixed(at, ZoneOffset.UTC)).tokenFor(linkToken);
    }
}
