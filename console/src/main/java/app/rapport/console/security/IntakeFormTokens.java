package app.rapport.console.security;

import io.micronaut.context.annotation.Property;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The partners' public intake form has no session to bind a CSRF token to, so each rendered form
 * carries {@code <issued>.<HMAC(link token, issued)>} under the console's secret instead: a page
 * of another site cannot mint one, a token for one link does not pass for another, and it ends
 * after {@link #VALID} (an office may leave the form open for a while, not for days).
 */
@Singleton
public class IntakeFormTokens {

    static final Duration VALID = Duration.ofHours(12);

    private final byte[] key;
    private final Clock clock;

    @jakarta.inject.Inject
    public IntakeFormTokens(@Property(name = "micronaut.security.token.jwt.signatures.secret.generator.secret") String secret) {
        this(secret, Clock.systemUTC());
    }

    IntakeFormTokens(String secret, Clock clock) {
        this.key = ("intake-form:" + secret).getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public String tokenFor(String linkToken) {
        long issued = clock.instant().getEpochSecond();
        return issued + "." + sign(linkToken, issued);
    }

    public boolean matches(String linkToken, Optional<String> presented) {
        if (presented.isEmpty() || linkToken == null || linkToken.isEmpty()) {
            return false;
        }
        String p = presented.get();
        int dot = p.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(p.substring(0, dot));
        } catch (NumberFormatException e) {
            return false;
        }
        Instant at = Instant.ofEpochSecond(issued);
        Instant now = clock.instant();
        if (at.isAfter(now.plusSeconds(60)) || at.plus(VALID).isBefore(now)) {
            return false;
        }
        return MessageDigest.isEqual(sign(linkToken, issued).getBytes(StandardCharsets.UTF_8),
                p.substring(dot + 1).getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String linkToken, long issued) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal((linkToken + "\u0000" + issued).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
