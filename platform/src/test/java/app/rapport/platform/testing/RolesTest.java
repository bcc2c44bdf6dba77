package app.rapport.platform.testing;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks a service's table in docs/roles.md against the running service (ADR 0008), so the
 * documented matrix and the {@code @Secured} annotations cannot drift: a {@code yes} must get
 * past security (any answer but 401/403: a made-up id is a 404, an empty body a 400), a
 * {@code —} must be 403. Each service's roles test extends this, is the
 * {@code @MicronautTest(transactional = false)} with a per-class lifecycle, and adds the refusals
 * its clinic would ask about first.
 */
public abstract class RolesTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    protected HttpClient http;

    private final String service;
    private final int endpointsAtLeast;

    /**
     * @param service          the service's name as docs/roles.md heads its table, e.g. {@code contacts-service}
     * @param endpointsAtLeast how many rows its table has at least: a table that lost its rows
     *                         would otherwise pass by checking nothing
     */
    protected RolesTest(String service, int endpointsAtLeast) {
        this.service = service;
        this.endpointsAtLeast = endpointsAtLeast;
    }

    /** Settings the service needs beside the shared infrastructure (e.g. a scheduled check held back). */
    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService(service.replace("-service", "")));
        props.put("micronaut.server.port", "-1"); // beside other test JVMs on this machine
        props.putAll(moreProperties());
        return props;
    }

    @Test
    void everyRoleGetsExactlyWhatDocsRolesMdSaysOnEveryEndpoint() {
        assertThat(RoleMatrix.of(service)).as(service + "'s table in docs/roles.md").hasSizeGreaterThan(endpointsAtLeast);
        assertThat(RoleMatrix.mismatches(http, service, TestClinics.unique("roles"))).isEmpty();
    }

    /** What {@code role} of a fresh clinic gets from {@code method path}: the status only. */
    protected int status(String method, String path, String role) {
        return RoleMatrix.status(http, method, path, TestTokens.bearer(TestClinics.unique("roles"), role));
    }
}
