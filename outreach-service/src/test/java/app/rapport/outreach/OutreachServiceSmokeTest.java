package app.rapport.outreach;

import app.rapport.platform.testing.ServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class OutreachServiceSmokeTest extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "outreach-service";
    }
}
