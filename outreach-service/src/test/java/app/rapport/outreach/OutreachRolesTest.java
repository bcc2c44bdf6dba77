package app.rapport.outreach;

import app.rapport.platform.testing.RolesTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** outreach-service's table in docs/roles.md, walked against the running service. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachRolesTest extends RolesTest {

    OutreachRolesTest() {
        super("outreach-service", 15);
    }

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("rapport.outreach.check-initial-delay", "1h");
    }

    @Test
    void anOpsTokenCannotRecordAGiftNorDeliverATaskNorInviteAProspect() {
        assertThat(status("POST", "/api/v1/gifts", "ops")).isEqualTo(403);
        assertThat(status("POST", "/api/v1/tasks/{id}/deliver", "ops")).isEqualTo(403);
        assertThat(status("POST", "/api/v1/tasks/{id}/approve", "ops")).isEqualTo(403);
        assertThat(status("POST", "/api/v1/invitations", "ops")).isEqualTo(403);
        // ops keep the plugins they operate
        assertThat(status("GET", "/api/v1/plugins", "ops")).isEqualTo(200);
    }
}
