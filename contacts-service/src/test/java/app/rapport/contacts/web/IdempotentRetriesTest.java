package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.IdempotentRetriesContract;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new partner saved again after a dropped connection, or a partner list uploaded twice: with
 * the same Idempotency-Key the directory holds each partner once and registers it once.
 */
@MicronautTest(transactional = false)
class IdempotentRetriesTest extends ContactsApi implements IdempotentRetriesContract {

    @Inject
    ApplicationContext context;

    @Override
    public ApplicationContext applicationContext() {
        return context;
    }

    @Override
    public Creation creation(String clinic) throws IOException {
        return new Creation("/api/v1/practitioners", staff(clinic), okafor(), okafor(),
                json.writeValueAsString(Map.of("firstName", "Maya", "specialty", "OB_GYN")), () -> partners(clinic));
    }

    /** Not a 409 about the NPI the first attempt already registered: the first answer, and one event. */
    @Test
    void aRetriedNewPartnerIsRegisteredOnce() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        Creation c = creation(clinic);
        String key = UUID.randomUUID().toString();

        Retries.post(http, c.path(), c.authorization(), key, c.body());
        Answer retry = Retries.post(http, c.path(), c.authorization(), key, c.body());

        assertThat(retry.status()).isEqualTo(201);
        assertThat(outboxEvents(clinic, EventTypes.PRACTITIONER_REGISTERED))
                .isEqualTo(1);
    }

    @Test
    void aPartnerListUploadedTwiceWithOneKeyImportsOnce() {
        String clinic = TestClinics.unique("bellevue");
        String csv = "firstName,lastName,specialty\nMaya,Okafor,OB_GYN\nHannah,Lindqvist,DOULA\n";
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http, "/api/v1/practitioner-imports?format=csv", staff(clinic), key, csv, "text/csv");
        Answer retry = Retries.post(http, "/api/v1/practitioner-imports?format=csv", staff(clinic), key, csv, "text/csv");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(read(first.body())).containsEntry("imported", 2);
        assertThat(retry.replayed()).isTrue();
        assertThat(read(retry.body())).containsEntry("imported", 2);
        assertThat(partners(clinic)).isEqualTo(2);
    }

    private String okafor() throws IOException {
        Map<String, Object> p = practitioner("Maya", "Okafor", "OB_GYN");
        p.put("npi", uniqueNpi());
        p.put("phone", uniquePhone());
        return json.writeValueAsString(p);
    }

    private long partners(String clinic) {
        return count("SELECT COUNT(*) FROM practitioner WHERE clinic_id = ?", clinic);
    }

    private static String staff(String clinic) {
        return TestTokens.bearer(clinic, "staff");
    }
}
