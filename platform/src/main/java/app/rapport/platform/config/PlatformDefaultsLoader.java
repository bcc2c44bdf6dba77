package app.rapport.platform.config;

import io.micronaut.context.env.ActiveEnvironment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourceLoader;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import io.micronaut.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads {@code rapport-platform.yml} from the platform jar beneath each service's own
 * {@code application.yml}: the settings every service shares (database, Flyway, security, Kafka,
 * error handling) are written once, and a service or an env var can still override any of them.
 */
public class PlatformDefaultsLoader implements PropertySourceLoader {

    static final String RESOURCE = "rapport-platform.yml";
    /** application.yml sits at -300; lower means it loses to the service's own settings. */
    static final int ORDER = -400;

    /**
     * The group's identity provider signs people's tokens (RS256) with keys it publishes at a
     * JWKS URL; the services accept those beside the HS256 tokens of scripts and tests. Micronaut
     * only knows a JWKS source when the property exists, so it is added only when configured.
     */
    static final String JWKS_URL_ENV = "RAPPORT_OIDC_JWKS_URL";
    static final String JWKS_URL_SYSTEM_PROPERTY = "rapport.oidc.jwks-url";
    static final String JWKS_URL_PROPERTY = "micronaut.security.token.jwt.signatures.jwks.identity-provider.url";

    private final YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public Optional<PropertySource> load(String resourceName, ResourceLoader resourceLoader) {
        if (!"application".equals(resourceName)) {
            return Optional.empty();
        }
        return resourceLoader.getResourceAsStream(RESOURCE).map(in -> {
            try (InputStream stream = in) {
                Map<String, Object> values = new java.util.LinkedHashMap<>(yaml.read(RESOURCE, stream));
                identityProviderKeys().ifPresent(url -> values.put(JWKS_URL_PROPERTY, url));
                return PropertySource.of("rapport-platform", values, ORDER);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + RESOURCE, e);
            }
        });
    }

    static Optional<String> identityProviderKeys() {
        String url = System.getProperty(JWKS_URL_SYSTEM_PROPERTY, System.getenv(JWKS_URL_ENV));
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url.trim());
    }

    @Override
    public Optional<PropertySource> loadEnv(String resourceName, ResourceLoader resourceLoader, ActiveEnvironment activeEnvironment) {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> read(String name, InputStream input) throws IOException {
        return yaml.read(name, input);
    }

    /** An extension no file uses, so this loader never takes over ordinary *.yml config files. */
    @Override
    public Set<String> getExtensions() {
        return Set.of("rapport-platform-defaults");
    }
}
