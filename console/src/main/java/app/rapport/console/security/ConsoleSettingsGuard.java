package app.rapport.console.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;

/**
 * Refuses to start without what sign-in needs, naming the variable to set, instead of failing on
 * the first person's sign-in.
 */
@Context
public class ConsoleSettingsGuard {

    static final int MIN_SECRET_BYTES = 32;

    public ConsoleSettingsGuard(@Value("${micronaut.security.oauth2.clients.rapport.openid.issuer:}") String issuer,
                                @Value("${micronaut.security.oauth2.clients.rapport.client-secret:}") String clientSecret,
                                @Value("${micronaut.security.token.jwt.signatures.secret.generator.secret:}") String sessionSecret) {
        if (issuer.isBlank()) {
            throw new ConfigurationException("RAPPORT_OIDC_ISSUER is not set: the console signs people in at that "
                    + "OpenID Connect provider (e.g. https://idp.example.org/realms/rapport)");
        }
        if (clientSecret.isBlank()) {
            throw new ConfigurationException("RAPPORT_OIDC_CLIENT_SECRET is not set: the console's client secret at the provider");
        }
        if (sessionSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new ConfigurationException("RAPPORT_CONSOLE_SESSION_SECRET must be set, at least " + MIN_SECRET_BYTES
                    + " bytes: it signs the session cookie");
        }
    }
}
