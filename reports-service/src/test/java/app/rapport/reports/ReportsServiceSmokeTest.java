package app.rapport.reports;

import app.rapport.platform.testing.ServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ReportsServiceSmokeTest extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "reports-service";
    }
}
