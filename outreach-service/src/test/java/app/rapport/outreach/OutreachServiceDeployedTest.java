package app.rapport.outreach;

import app.rapport.platform.testing.DeployedServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class OutreachServiceDeployedTest extends DeployedServiceTest {

    @Override
    protected String serviceName() {
        return "outreach-service";
    }
}
