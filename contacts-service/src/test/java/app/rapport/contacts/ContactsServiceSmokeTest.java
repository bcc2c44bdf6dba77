package app.rapport.contacts;

import app.rapport.platform.testing.ServiceSmokeTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;

@MicronautTest(transactional = false)
class ContactsServiceSmokeTest extends ServiceSmokeTest {

    @Override
    protected String serviceName() {
        return "contacts-service";
    }
}
