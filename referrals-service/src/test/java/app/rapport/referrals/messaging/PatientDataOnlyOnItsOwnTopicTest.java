package app.rapport.referrals.messaging;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestInfrastructure;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minimum necessary (ADR 0206): every consumer of a topic can read every record on it, so the
 * patient's name, birth date, the referral's reason and its diagnosis codes must be on no topic but
 * referrals.patients.v1, which only reports-service may read. Reads the broker as an outside
 * service would: every record of every topic.
 */
@MicronautTest(transactional = false)
class PatientDataOnlyOnItsOwnTopicTest extends ReferralsTestSupport {

    private static final String FIRST_NAME = "Zephyrine";
    private static final String LAST_NAME = "Quillfeather";
    private static final String BIRTH_DATE = "1958-11-23";
    private static final String DIAGNOSIS = "S83.512A";
    private static final String REASON = "Torn anterior cruciate ligament after a skiing fall at Crystal";

    @Test
    void whoAndWhyTravelOnlyOnThePatientsTopic() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        Map<String, Object> body = newReferral("RECEIVED", partner(clinic, false));
        body.put("patient", Map.of("firstName", FIRST_NAME, "lastName", LAST_NAME, "birthDate", BIRTH_DATE,
                "phone", "+12065550142"));
        body.put("reason", REASON);
        body.put("diagnosisCodes", List.of(DIAGNOSIS));
        String id = (String) post("/api/v1/referrals", body, staff(clinic)).get("id");
        transition(clinic, id, "ACCEPTED", null);
        // ReferralReceived and the move to ACCEPTED: wait until both are relayed.
        List<String> types = referralEvents(id, 2).stream().map(e -> e.type()).toList();

        // The patient's own topic has them: reports-service can still address the report.
        String details = new String(patientEvents(id, 1).get(0).payload().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8);
        assertThat(details).contains(FIRST_NAME, LAST_NAME, BIRTH_DATE, DIAGNOSIS, REASON);

        Set<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestInfrastructure.get().bootstrapServers()))) {
            topics = new TreeSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        }
        topics.removeIf(t -> t.startsWith("__"));
        topics.remove(Topics.PATIENTS);
        topics.remove(Topics.deadLetter(Topics.PATIENTS));
        assertThat(topics).as("topics read").contains(Topics.REFERRALS, Topics.deadLetter(Topics.REFERRALS));

        int read = 0;
        for (String topic : topics) {
            for (ConsumerRecord<String, byte[]> r : KafkaProbe.records(topic, r -> true)) {
                read++;
                StringBuilder text = new StringBuilder(r.key() == null ? "" : r.key()).append('\n');
                text.append(r.value() == null ? "" : new String(r.value(), StandardCharsets.UTF_8));
                for (Header h : r.headers()) {
                    text.append('\n').append(h.key()).append('=')
                            .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
                }
                assertThat(text.toString()).as("record %s-%d@%d", topic, r.partition(), r.offset())
                        .doesNotContain(FIRST_NAME, LAST_NAME, BIRTH_DATE, DIAGNOSIS, REASON);
            }
        }
        assertThat(read).as("records read on the other topics").isGreaterThanOrEqualTo(types.size());
    }
}
