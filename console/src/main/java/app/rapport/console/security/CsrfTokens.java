package app.rapport.console.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Synchronizer tokens bound to the session: an HMAC of the session cookie under the console's
 * secret. A page from another site cannot read it, so it cannot forge a form that passes.
 */
@Singleton
public class CsrfTokens {

    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    public static final String SESSION_COOKIE = "RAPPORT_SESSION";

    private final byte[] key;

    public CsrfTokens(@Property(name = "micronaut.security.token.jwt.signatures.secret.generator.secret") String secret) {
        this.key = ("csrf:" + secret).getBytes(StandardCharsets.UTF_8);
    }

    public String tokenFor(HttpRequest<?> request) {
        return request.getCookies().findCookie(SESSION_COOKIE).map(Cookie::getValue).map(this::sign).orElse("");
    }

    public boolean matches(HttpRequest<?> request, Optional<String> presented) {
        String expected = tokenFor(request);
        return !expected.isEmpty() && presented.isPresent()
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.get().getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String sessionValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(sessionValue.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
