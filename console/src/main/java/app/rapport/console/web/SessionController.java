package app.rapport.console.web;

import app.rapport.console.security.CsrfTokens;
import app.rapport.console.security.StaffSession;
import app.rapport.console.security.StaffSessionBinder;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Named;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Switching clinic, signing out, and the page a signed-out person sees. */
@Controller(produces = MediaType.TEXT_HTML)
public class SessionController {

    private final OpenIdProviderMetadata provider;
    private final String clientId;
    private final boolean secureCookies;

    public SessionController(@Named("rapport") OpenIdProviderMetadata provider,
                             @Property(name = "micronaut.security.oauth2.clients.rapport.client-id") String clientId,
                             @Property(name = "micronaut.security.token.cookie.cookie-secure", defaultValue = "true") boolean secureCookies) {
        this.provider = provider;
        this.clientId = clientId;
        this.secureCookies = secureCookies;
    }

    /** The header's clinic switcher: only a clinic the provider lists for this person is taken. */
    @Post(value = "/clinic", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> switchClinic(HttpRequest<?> request, StaffSession session, @Body Map<String, String> form) {
        String chosen = form.getOrDefault("clinic", "");
        if (!session.user().clinics().contains(chosen)) {
            return HttpResponse.badRequest("You do not work in clinic " + chosen);
        }
        return HttpResponse.seeOther(URI.create("/"))
                .cookie(Cookie.of(StaffSessionBinder.CLINIC_COOKIE, chosen).path("/").httpOnly(true)
                        .secure(secureCookies).sameSite(SameSite.Lax));
    }

    /** Ends the console session, then the provider's, so the next person at this desk signs in as themselves. */
    @Post(value = "/sign-out", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    public HttpResponse<?> signOut(HttpRequest<?> request) {
        String back = request.getHeaders().get("Host", String.class)
                .map(h -> scheme(request) + "://" + h + "/signed-out").orElse("/signed-out");
        String endSession = provider.getEndSessionEndpoint();
        URI target = endSession == null || endSession.isBlank() ? URI.create("/signed-out")
                : URI.create(endSession + (endSession.contains("?") ? "&" : "?")
                + "client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&post_logout_redirect_uri=" + URLEncoder.encode(back, StandardCharsets.UTF_8));
        MutableHttpResponse<?> response = HttpResponse.seeOther(target);
        response.cookie(Cookie.of(CsrfTokens.SESSION_COOKIE, "").path("/").maxAge(0));
        response.cookie(Cookie.of(StaffSessionBinder.CLINIC_COOKIE, "").path("/").maxAge(0));
        return response;
    }

    @Secured(SecurityRule.IS_ANONYMOUS)
    @Get("/signed-out")
    public ModelAndView<Map<String, Object>> signedOut(@Nullable @QueryValue Boolean failed) {
        return new ModelAndView<>("pages/signed-out", Map.of("failed", Boolean.TRUE.equals(failed)));
    }

    private static String scheme(HttpRequest<?> request) {
        return request.getHeaders().get("X-Forwarded-Proto", String.class).orElse(request.isSecure() ? "https" : "http");
    }
}
