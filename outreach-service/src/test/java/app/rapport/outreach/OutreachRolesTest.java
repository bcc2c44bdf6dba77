package app.rapport.outreach;

import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.RoleMatrix;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks outreach-service's table in docs/roles.md against the running service, so the documented
 * matrix and the {@code @Secured} annotations cannot drift: a {@code yes} must get past security
 * (any answer but 401/403 — a made-up task id is a 404, an empty body a 400), a {@code —} must be 403.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachRolesTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("outreach"));
        props.put("micronaut.server.port", "-1");
        props.put("rapport.outreach.check-initial-delay", "1h");
        return props;
    }

    @Test
    void everyRoleGetsExactlyWhatDocsRolesMdSaysOnEveryOutreachEndpoint() {
        assertThat(RoleMatrix.of("outreach-service")).as("outreach-service's table in docs/roles.md").hasSizeGreaterThan(15);
        assertThat(RoleMatrix.mismatches(http, "outreach-service", TestClinics.unique("roles"))).isEmpty();
    }

    @Test
    void anOpsTokenCannotRecordAGiftNorDeliverATaskNorInviteAProspect() {
        String ops = TestTokens.bearer(TestClinics.unique("ops"), "ops");
        assertThat(RoleMatrix.status(http, "POST", "/api/v1/gifts", ops)).isEqualTo(403);
        assertThat(RoleMatrix.status(http, "POST", "/api/v1/tasks/{id}/deliver", ops)).isEqualTo(403);
        assertThat(RoleMatrix.status(http, "POST", "/api/v1/tasks/{id}/approve", ops)).isEqualTo(403);
        assertThat(RoleMatrix.status(http, "POST", "/api/v1/invitations", ops)).isEqualTo(403);
        // ops keep the plugins they operate
        assertThat(RoleMatrix.status(http, "GET", "/api/v1/plugins", ops)).isEqualTo(200);
    }
}
