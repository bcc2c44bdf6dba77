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
 * after {@link #OPEN_FOR} (an office may leave the form open for a while, not for days; a form sent
 * later is shown again, filled in, with a fresh token rather than sent).
 */
@Singleton
public class IntakeFormTokens {

    static final Duration OPEN_FOR = Duration.ofHours(12);
    /** The request attribute {@link PageSafetyFilter} sets on a genuine form posted after {@link #OPEN_FOR}. */
    public static final String EXPIRED_FORM = "rapport.intake.expiredForm";

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

    /** How a posted form's token stands: one this console rendered for this link, possibly too long ago, or not. */
    public enum Check {
        VALID,
        /** Rendered by this console for this link, but open longer than {@link IntakeFormTokens#OPEN_FOR}: the office may send it again. */
        EXPIRED,
        /** Missing, malformed, for another link or not signed by this console. */
        FORGED
    }

    public boolean matches(String linkToken, Optional<String> presented) {
        return check(linkToken, presented) == Check.VALID;
    }

    public Check check(String linkToken, Optional<String> presented) {
        if (presented.isEmpty() || linkToken == null || linkToken.isEmpty()) {
            return Check.FORGED;
        }
        String p = presented.get();
        int dot = p.indexOf('.');
        if (dot <= 0) {
            return Check.FORGED;
        }
        long issued;
        try {
            issued = Long.parseLong(p.substring(0, dot));
        } catch (NumberFormatException e) {
            return Check.FORGED;
        }
        // The signature first: only a token this console signed can be called merely expired.
        if (!MessageDigest.isEqual(sign(linkToken, issued).getBytes(StandardCharsets.UTF_8),
                p.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            return Check.FORGED;
        }
        Instant at = Instant.ofEpochSecond(issued);
        Instant now = clock.instant();
        if (at.isAfter(now.plusSeconds(60))) {
            return Check.FORGED;
        }
        return at.plus(OPEN_FOR).isBefore(now) ? Check.EXPIRED : Check.VALID;
    }

    /**
     * The confirmation page's proof that this console received {@code referralId} through this link, so
     * "received" is never said for a reference someone typed into the address bar.
     */
    public String receiptFor(String linkToken, String referralId) {
        return mac(linkToken + "\u0000receipt\u0000" + referralId);
    }

    public boolean isReceipt(String linkToken, String referralId, String presented) {
        return presented != null && !referralId.isEmpty() && MessageDigest.isEqual(
                receiptFor(linkToken, referralId).getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String linkToken, long issued) {
        return mac(linkToken + "\u0000" + issued);
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
