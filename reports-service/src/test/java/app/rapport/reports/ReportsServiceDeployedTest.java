package app.rapport.reports;

import app.rapport.platform.testing.DeployedServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ReportsServiceDeployedTest extends DeployedServiceTest {

    @Override
    protected String serviceName() {
        return "reports-service";
    }
}
