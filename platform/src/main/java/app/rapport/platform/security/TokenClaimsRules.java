package app.rapport.platform.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * What every token must say beyond a valid signature, for the HS256 tokens of scripts and tests
 * and the identity provider's alike (ADR 0008). Micronaut checks {@code exp} only when a token
 * has one, so a leaked token without it would be good forever: here {@code exp} is required,
 * {@code nbf} (when present) must have come, and {@code iss} must be present; once
 * {@code RAPPORT_OIDC_ISSUER} names the group's identity provider, it must be that provider or
 * Rapport's own token tool. (Unset, the provider's issuer cannot be told from its JWKS address:
 * behind an Ingress the two name different hosts.)
 */
@Singleton
public class TokenClaimsRules implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenClaimsRules.class);
    /** Clock skew tolerated between the provider and the services. */
    static final Duration LEEWAY = Duration.ofSeconds(30);

    /** Empty: any issuer that says who it is. */
    private final Set<String> issuers;
    private final Clock clock;

    public TokenClaimsRules(@Nullable @Value("${rapport.security.identity-provider-issuer:}") String providerIssuer) {
        this(providerIssuer, Clock.systemUTC());
    }

    TokenClaimsRules(@Nullable String providerIssuer, Clock clock) {
        this.issuers = providerIssuer == null || providerIssuer.isBlank()
                ? Set.of() : Set.of(TokenMinter.ISSUER, providerIssuer.strip());
        this.clock = clock;
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Instant now = clock.instant();
        Instant expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires == null) {
            return refused("it has no expiry (exp)");
        }
        Instant notBefore = instant(claims.get(Claims.NOT_BEFORE));
        if (notBefore != null && notBefore.isAfter(now.plus(LEEWAY))) {
            return refused("it is not valid before " + notBefore + " (nbf)");
        }
        Object issuer = claims.get(Claims.ISSUER);
        if (issuer == null || issuer.toString().isBlank() || (!issuers.isEmpty() && !issuers.contains(issuer.toString()))) {
            return refused("its issuer " + issuer + " is not one this service trusts (iss)");
        }
        return true;
    }

    private static boolean refused(String why) {
        // Said without the token or its subject: enough for an operator to see why sign-ins fail.
        LOG.debug("Token refused: {}", why);
        return false;
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (value instanceof Instant i) {
            return i;
        }
        return null;
    }
}
