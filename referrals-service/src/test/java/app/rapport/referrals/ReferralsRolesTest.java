package app.rapport.referrals;

import app.rapport.platform.testing.RolesTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** referrals-service's table in docs/roles.md, walked against the running service. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferralsRolesTest extends RolesTest {

    ReferralsRolesTest() {
        super("referrals-service", 10);
    }

    @Test
    void anOpsTokenReadsNoReferralAndAClinicianIssuesNoIntakeLink() {
        assertThat(status("GET", "/api/v1/referrals", "ops")).isEqualTo(403);
        assertThat(status("POST", "/api/v1/intake-links", "clinician")).isEqualTo(403);
    }
}
