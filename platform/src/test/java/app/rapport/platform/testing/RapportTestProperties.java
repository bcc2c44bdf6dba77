package app.rapport.platform.testing;

import java.util.HashMap;
import java.util.Map;

/** The properties that point a test application at the shared database server and broker. */
public final class RapportTestProperties {

    private RapportTestProperties() {
    }

    /** A fresh database named after {@code service}, the shared broker, the test token secret. */
    public static Map<String, String> forService(String service) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, String> props = new HashMap<>();
        props.put("datasources.default.url", infra.newDatabase(service));
        props.put("datasources.default.username", infra.user());
        props.put("datasources.default.password", infra.password());
        props.put("rapport.kafka.bootstrap-servers", infra.bootstrapServers());
        props.put("rapport.kafka.create-topics", "true");
        props.put("rapport.outbox.poll-interval", "2s");
        props.put("rapport.consumers.initial-backoff", "50ms");
        props.put("rapport.consumers.max-backoff", "1s");
        props.put("micronaut.security.token.jwt.signatures.secret.generator.secret", TestTokens.SECRET);
        return props;
    }
}
