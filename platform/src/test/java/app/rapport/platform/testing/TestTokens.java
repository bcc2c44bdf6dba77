package app.rapport.platform.testing;

import app.rapport.platform.security.TokenMinter;

import java.time.Duration;
import java.util.List;

/** Tokens signed with the test secret every test application is configured with. */
public final class TestTokens {

    public static final String SECRET = "rapport-test-secret-0123456789-abcdefghij";

    private TestTokens() {
    }

    public static String token(String clinicId, String... roles) {
        return TokenMinter.mint(SECRET, "tester@" + clinicId, clinicId, List.of(roles), Duration.ofHours(1));
    }

    public static String bearer(String clinicId, String... roles) {
        return "Bearer " + token(clinicId, roles);
    }
}
