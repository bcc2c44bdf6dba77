package app.rapport.reports;

import app.rapport.platform.testing.RolesTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** reports-service's table in docs/roles.md, walked against the running service. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsRolesTest extends RolesTest {

    ReportsRolesTest() {
        super("reports-service", 25);
    }

    @Test
    void onlyAClinicianSendsAReportAndOpsReadNoDisclosure() {
        assertThat(status("POST", "/api/v1/reports/{id}/send", "staff")).isEqualTo(403);
        assertThat(status("GET", "/api/v1/disclosures", "ops")).isEqualTo(403);
    }
}
