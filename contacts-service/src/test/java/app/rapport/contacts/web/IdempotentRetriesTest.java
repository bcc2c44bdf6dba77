package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.Retries;
import app.rapport.platform.testing.Retries.Answer;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new partner saved again after a dropped connection, or a partner list uploaded twice: with
 * the same Idempotency-Key the directory holds each partner once and registers it once.
 */
@MicronautTest(transactional = false)
class IdempotentRetriesTest extends ContactsApi {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    @Test
    void aRetriedNewPartnerIsOnePartnerRegisteredOnce() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String body = okafor();
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http, "/api/v1/practitioners", staff(clinic), key, body);
        Answer retry = Retries.post(http, "/api/v1/practitioners", staff(clinic), key, body);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(retry.status()).as("the same answer, not a 409 about a duplicate NPI").isEqualTo(201);
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(partners(clinic)).isEqualTo(1);
        assertThat(Retries.outboxEvents(dataSourceResolver, dataSource, clinic, EventTypes.PRACTITIONER_REGISTERED))
                .isEqualTo(1);
    }

    @Test
    void theSameKeyForAnotherPartnerIs422() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String key = UUID.randomUUID().toString();
        Retries.post(http, "/api/v1/practitioners", staff(clinic), key, okafor());

        Answer reused = Retries.post(http, "/api/v1/practitioners", staff(clinic), key, okafor());

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.body()).contains("\"field\":\"Idempotency-Key\"");
        assertThat(partners(clinic)).isEqualTo(1);
    }

    @Test
    void savesSentAtOnceWithOneKeyMakeOnePartner() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String body = okafor();
        String key = UUID.randomUUID().toString();

        List<Answer> answers = Retries.together(4, () -> Retries.post(http, "/api/v1/practitioners", staff(clinic), key, body));

        assertThat(answers).extracting(Answer::status).containsOnly(201, 409).contains(201);
        assertThat(partners(clinic)).isEqualTo(1);
    }

    @Test
    void anotherClinicWithTheSameKeyKeepsItsOwnDirectory() throws IOException {
        String seattle = TestClinics.unique("seattle-downtown");
        String tacoma = TestClinics.unique("tacoma");
        String key = UUID.randomUUID().toString();
        String body = okafor();

        Retries.post(http, "/api/v1/practitioners", staff(seattle), key, body);
        Answer inTacoma = Retries.post(http, "/api/v1/practitioners", staff(tacoma), key, body);

        assertThat(inTacoma.status()).isEqualTo(201);
        assertThat(inTacoma.replayed()).isFalse();
        assertThat(partners(tacoma)).isEqualTo(1);
    }

    @Test
    void aRetryOfAPartnerWithoutALastNameGetsTheSame400() throws IOException {
        String clinic = TestClinics.unique("seattle-downtown");
        String noLastName = json.writeValueAsString(Map.of("firstName", "Maya", "specialty", "OB_GYN"));
        String key = UUID.randomUUID().toString();

        Answer first = Retries.post(http, "/api/v1/practitioners", staff(clinic), key, noLastName);
        Answer retry = Retries.post(http, "/api/v1/practitioners", staff(clinic), key, noLastName);

        assertThat(first.status()).isEqualTo(400);
        assertThat(first.body()).contains("lastName");
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(partners(clinic)).isZero();
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
        return Retries.count(dataSourceResolver, dataSource, "SELECT COUNT(*) FROM practitioner WHERE clinic_id = ?", clinic);
    }

    private static String staff(String clinic) {
        return TestTokens.bearer(clinic, "staff");
    }
}
