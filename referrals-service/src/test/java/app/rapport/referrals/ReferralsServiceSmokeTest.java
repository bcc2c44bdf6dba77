package app.rapport.referrals;

import app.rapport.platform.testing.ServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ReferralsServiceSmokeTest extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "referrals-service";
    }
}
