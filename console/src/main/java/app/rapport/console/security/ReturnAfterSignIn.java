package app.rapport.console.security;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.config.TokenCookieConfiguration;
import io.micronaut.security.errors.CookiePriorToLoginPersistence;
import jakarta.inject.Singleton;

import java.net.URI;

/**
 * Where the person returns after signing in again: the page they asked for, or — when the
 * session ran out as they submitted a form — the page the form was on (a form's POST address
 * has no page to come back to).
 */
@Singleton
@Replaces(CookiePriorToLoginPersistence.class)
public class ReturnAfterSignIn extends CookiePriorToLoginPersistence {

    public ReturnAfterSignIn(TokenCookieConfiguration cookieConfiguration) {
        super(cookieConfiguration);
    }

    @Override
    public void onUnauthorized(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() == HttpMethod.GET) {
            super.onUnauthorized(request, response);
            return;
        }
        String page = request.getHeaders().get("Referer", String.class).map(ReturnAfterSignIn::samePath).orElse("/");
        super.onUnauthorized(HttpRequest.GET(page), response);
    }

    /** Only a path of this console, never another site's address. */
    static String samePath(String referer) {
        try {
            URI u = URI.create(referer);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return path.startsWith("/") && !path.startsWith("//") ? path + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()) : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }
}
