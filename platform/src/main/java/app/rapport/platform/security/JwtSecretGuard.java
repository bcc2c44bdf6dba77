package app.rapport.platform.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Refuses to start with a missing or weak token secret, and with the published local-runtime
 * secret anywhere but the local runtime and the tests.
 */
@Context
public class JwtSecretGuard {

    /** The local runtime's documented default; never valid outside environments {@code local} and {@code test}. */
    public static final String LOCAL_DEV_SECRET = "rapport-local-dev-secret-change-me-0123456789";
    static final int MIN_BYTES = 32;

    public JwtSecretGuard(@Value("${micronaut.security.token.jwt.signatures.secret.generator.secret:}") String secret,
                          Environment environment) {
        if (secret == null || secret.isBlank()) {
            throw new ConfigurationException("RAPPORT_JWT_SECRET is not set: the service cannot verify tokens");
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_BYTES) {
            throw new ConfigurationException("RAPPORT_JWT_SECRET must be at least " + MIN_BYTES + " bytes for HS256");
        }
        Set<String> envs = environment.getActiveNames();
        if (LOCAL_DEV_SECRET.equals(secret) && !(envs.contains("local") || envs.contains(Environment.TEST))) {
            throw new ConfigurationException("RAPPORT_JWT_SECRET is the published local-runtime secret; "
                    + "set a real one (environments active: " + envs + ")");
        }
    }
}
