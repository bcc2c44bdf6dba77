package app.rapport.platform.security;

import io.micronaut.security.token.Claims;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TokenClaimsRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T09:00:00Z");
    private static final String PROVIDER = "https://login.example.com/realms/rapport";

    private final TokenClaimsRules withProvider = new TokenClaimsRules(PROVIDER, Clock.fixed(NOW, ZoneOffset.UTC));
    private final TokenClaimsRules unnamed = new TokenClaimsRules("", Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void onceTheProviderIsNamedOnlyItAndRapportsTokenToolAreTrusted() {
        assertThat(withProvider.validate(claims(PROVIDER, NOW.plusSeconds(300), null), null)).isTrue();
        assertThat(withProvider.validate(claims(TokenMinter.ISSUER, NOW.plusSeconds(300), null), null)).isTrue();
        assertThat(withProvider.validate(claims("https://evil.example.net/realms/rapport", NOW.plusSeconds(300), null), null))
                .isFalse();
        assertThat(unnamed.validate(claims("https://login.example.com/realms/rapport", NOW.plusSeconds(300), null), null))
                .isTrue();
    }

    @Test
    void anExpiryIsRequiredAndAStartMustHaveComeWithinTheLeeway() {
        assertThat(unnamed.validate(claims(PROVIDER, null, null), null)).isFalse();
        assertThat(unnamed.validate(claims(PROVIDER, NOW.plusSeconds(300), NOW.plusSeconds(20)), null)).as("skew").isTrue();
        assertThat(unnamed.validate(claims(PROVIDER, NOW.plusSeconds(300), NOW.plusSeconds(120)), null)).isFalse();
        assertThat(unnamed.validate(claims(null, NOW.plusSeconds(300), null), null)).as("no issuer").isFalse();
    }

    private static Claims claims(String iss, Instant exp, Instant nbf) {
        Map<String, Object> values = new HashMap<>();
        if (iss != null) {
            values.put(Claims.ISSUER, iss);
        }
        if (exp != null) {
            values.put(Claims.EXPIRATION_TIME, Date.from(exp));
        }
        if (nbf != null) {
            values.put(Claims.NOT_BEFORE, Date.from(nbf));
        }
        return new Claims() {
            @Override
            public Object get(String name) {
                return values.get(name);
            }

            @Override
            public Set<String> names() {
                return values.keySet();
            }

            @Override
            public boolean contains(String name) {
                return values.containsKey(name);
            }
        };
    }
}
