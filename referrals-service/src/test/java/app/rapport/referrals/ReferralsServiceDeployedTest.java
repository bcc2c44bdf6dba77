package app.rapport.referrals;

import app.rapport.platform.testing.DeployedServiceTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ReferralsServiceDeployedTest extends DeployedServiceTest {

    @Override
    protected String serviceName() {
        return "referrals-service";
    }
}
