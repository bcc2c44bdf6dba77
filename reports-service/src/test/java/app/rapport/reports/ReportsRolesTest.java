package app.rapport.reports;

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

/** Walks reports-service's table in docs/roles.md against the running service (ADR 0008). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsRolesTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("reports"));
        props.put("micronaut.server.port", "-1"); // beside other test JVMs on this machine
        return props;
    }

    @Test
    void everyRoleGetsExactlyWhatDocsRolesMdSaysOnEveryEndpoint() {
        assertThat(RoleMatrix.of("reports-service")).as("reports-service's table in docs/roles.md").hasSizeGreaterThan(25);
        assertThat(RoleMatrix.mismatches(http, "reports-service", TestClinics.unique("roles"))).isEmpty();
    }

    @Test
    void onlyAClinicianSendsAReportAndOpsReadNoDisclosure() {
        String clinic = TestClinics.unique("roles");
        assertThat(RoleMatrix.status(http, "POST", "/api/v1/reports/{id}/send", TestTokens.bearer(clinic, "staff")))
                .isEqualTo(403);
        assertThat(RoleMatrix.status(http, "GET", "/api/v1/disclosures", TestTokens.bearer(clinic, "ops"))).isEqualTo(403);
    }
}
