package app.rapport.contacts;

import app.rapport.platform.testing.DeployedServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ContactsServiceDeployedTest extends DeployedServiceTest {

    @Override
    protected String serviceName() {
        return "contacts-service";
    }
}
