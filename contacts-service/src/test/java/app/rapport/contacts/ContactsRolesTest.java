package app.rapport.contacts;

import app.rapport.platform.testing.RolesTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** contacts-service's table in docs/roles.md, walked against the running service. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContactsRolesTest extends RolesTest {

    ContactsRolesTest() {
        super("contacts-service", 15);
    }

    @Test
    void aClinicianOrAnOpsTokenCannotEnterAPartner() {
        assertThat(status("POST", "/api/v1/practitioners", "clinician")).isEqualTo(403);
        assertThat(status("POST", "/api/v1/practitioners", "ops")).isEqualTo(403);
    }
}
