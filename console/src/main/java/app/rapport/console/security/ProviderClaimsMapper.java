package app.rapport.console.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns the provider's sign-in into a console session: the clinic, clinics and Rapport roles from
 * the ID token, and the access token the services will verify by the provider's keys. A person
 * the provider names no clinic for cannot use Rapport, so the sign-in fails.
 */
@Singleton
@Named("rapport")
public class ProviderClaimsMapper implements OpenIdAuthenticationMapper {

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(String providerName,
                                                                          OpenIdTokenResponse tokenResponse,
                                                                          OpenIdClaims claims,
                                                                          @Nullable State state) {
        Map<String, Object> all = claims.getClaims();
        Object clinic = all.get(SignedInUser.CLINIC);
        if (!(clinic instanceof String home) || home.isBlank()) {
            return Publishers.just(AuthenticationResponse.failure(
                    "Your account names no clinic. Ask your administrator to set your clinic."));
        }
        List<String> roles = strings(all.get("roles")).stream().filter(SignedInUser.RAPPORT_ROLES::contains).toList();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(SignedInUser.CLINIC, home);
        attributes.put(SignedInUser.CLINICS, strings(all.get(SignedInUser.CLINICS)));
        attributes.put(SignedInUser.DISPLAY_NAME, Objects.requireNonNullElse(
                firstNonBlank(claims.getName(), claims.getPreferredUsername(), claims.getSubject()), ""));
        attributes.put(SignedInUser.ACCESS_TOKEN, tokenResponse.getAccessToken());
        String username = firstNonBlank(claims.getPreferredUsername(), claims.getSubject());
        return Publishers.just(AuthenticationResponse.success(username, roles, attributes));
    }

    private static List<String> strings(Object value) {
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        if (value instanceof String s && !s.isBlank()) {
            return List.of(s);
        }
        return List.of();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
