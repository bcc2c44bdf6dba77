package app.rapport.platform.security;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What every service asks of a token beyond its signature (ADR 0008). Micronaut's own expiration
 * check passes a token that has no {@code exp} at all, so a leaked token would work forever; this one
 * requires {@code exp}, refuses a token whose {@code nbf} is still ahead, and accepts only the two
 * issuers there are: {@link TokenMinter#ISSUER} for the scripts' and tests' HS256 tokens, and the
 * group's identity provider ({@code RAPPORT_OIDC_ISSUER}, by default the JWKS URL's realm). A
 * provider's token must also name {@code RAPPORT_OIDC_AUDIENCE} in {@code aud} when that is set.
 * A refused token is a 401; the log names the reason and the subject only.
 */
@Singleton
public class TokenClaimsValidator<T> implements GenericJwtClaimsValidator<T> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenClaimsValidator.class);
    /** Clocks of the provider and the services differ by a little; more than this is not drift. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);
    /** Keycloak publishes a realm's keys under the realm's issuer URL. */
    private static final String KEYCLOAK_CERTS = "/protocol/openid-connect/certs";

    @Nullable
    private final String providerIssuer;
    @Nullable
    private final String providerAudience;

    public TokenClaimsValidator(@Nullable @Value("${rapport.oidc.issuer:}") String issuer,
                                @Nullable @Value("${micronaut.security.token.jwt.signatures.jwks.identity-provider.url:}")
                                String jwksUrl,
                                @Nullable @Value("${rapport.oidc.audience:}") String audience) {
        this.providerIssuer = providerIssuer(issuer, jwksUrl);
        this.providerAudience = blank(audience) ? null : audience.trim();
    }

    static @Nullable String providerIssuer(@Nullable String issuer, @Nullable String jwksUrl) {
        if (!blank(issuer)) {
            return issuer.trim();
        }
        if (blank(jwksUrl) || !jwksUrl.trim().endsWith(KEYCLOAK_CERTS)) {
            return null;
        }
        String url = jwksUrl.trim();
        return url.substring(0, url.length() - KEYCLOAK_CERTS.length());
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        Instant now = Instant.now(); // as Micronaut's own expiration check: tokens live in wall-clock time
        Optional<Instant> expires = instant(claims.get(Claims.EXPIRATION_TIME));
        if (expires.isEmpty()) {
            return refused(claims, "it has no exp");
        }
        Optional<Instant> notBefore = instant(claims.get(Claims.NOT_BEFORE));
        if (notBefore.isPresent() && notBefore.get().isAfter(now.plus(CLOCK_SKEW))) {
            return refused(claims, "its nbf is still ahead");
        }
        Object issuer = claims.get(Claims.ISSUER);
        if (TokenMinter.ISSUER.equals(issuer)) {
            return true;
        }
        if (providerIssuer == null || !providerIssuer.equals(issuer)) {
            return refused(claims, "its issuer is neither " + TokenMinter.ISSUER + " nor the identity provider");
        }
        if (providerAudience != null && !audiences(claims.get(Claims.AUDIENCE)).contains(providerAudience)) {
            return refused(claims, "its aud does not name " + providerAudience);
        }
        return true;
    }

    private static boolean refused(Claims claims, String why) {
        LOG.info("Token of {} refused: {}", claims.get(Claims.SUBJECT), why);
        return false;
    }

    private static Optional<Instant> instant(@Nullable Object value) {
        if (value instanceof Date date) {
            return Optional.of(date.toInstant());
        }
        if (value instanceof Number seconds) {
            return Optional.of(Instant.ofEpochSecond(seconds.longValue()));
        }
        return Optional.empty();
    }

    private static List<?> audiences(@Nullable Object aud) {
        if (aud instanceof Collection<?> c) {
            return List.copyOf(c);
        }
        return aud == null ? List.of() : List.of(aud);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }
}
