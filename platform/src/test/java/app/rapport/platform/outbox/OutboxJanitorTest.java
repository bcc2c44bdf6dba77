package app.rapport.platform.outbox;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox rows keep patient data no longer than documented (docs/data-retention.md): relayed rows
 * naming a patient go after {@code rapport.outbox.patient-data-retention}, the others after
 * {@code rapport.outbox.retention}, and a row the relay has not published yet is never deleted.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxJanitorTest implements TestPropertyProvider {

    @Inject
    OutboxJanitor janitor;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("platform"));
        // The rows below stay exactly as written: no relay publishes the unpublished ones.
        props.put("rapport.outbox.relay-enabled", "false");
        props.put("rapport.outbox.retention", "7d");
        props.put("rapport.outbox.patient-data-retention", "1d");
        return props;
    }

    @Test
    void patientRowsGoAfterADayOtherRowsAfterAWeekAndUnpublishedRowsStay() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        Instant now = Instant.now();
        String patientRelayedTwoDaysAgo = row(clinic, Topics.PATIENTS, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(2)));
        String patientRelayedAnHourAgo = row(clinic, Topics.PATIENTS, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
        String patientNeverRelayed = row(clinic, Topics.PATIENTS, now.minus(Duration.ofDays(30)), null);
        String referralRelayedTwoDaysAgo = row(clinic, Topics.REFERRALS, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(2)));
        String referralRelayedEightDaysAgo = row(clinic, Topics.REFERRALS, now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(8)));
        String referralNeverRelayed = row(clinic, Topics.REFERRALS, now.minus(Duration.ofDays(30)), null);

        janitor.deleteOldPublished();

        assertThat(remaining(clinic)).containsExactlyInAnyOrder(patientRelayedAnHourAgo, patientNeverRelayed,
                referralRelayedTwoDaysAgo, referralNeverRelayed)
                .doesNotContain(patientRelayedTwoDaysAgo, referralRelayedEightDaysAgo);
    }

    private String row(String clinic, String topic, Instant created, Instant published) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO outbox_event (id, clinic_id, aggregate_type, "
                     + "aggregate_id, topic, type, payload, created_at, published_at) VALUES (?, ?, 'Referral', ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, clinic);
            ps.setString(3, UUID.randomUUID().toString());
            ps.setString(4, topic);
            ps.setString(5, "app.rapport.test." + topic);
            ps.setString(6, "{\"patient\":{\"lastName\":\"Marsh\"}}");
            ps.setTimestamp(7, Timestamp.from(created));
            ps.setTimestamp(8, published == null ? null : Timestamp.from(published));
            ps.executeUpdate();
        }
        return id;
    }

    private List<String> remaining(String clinic) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id FROM outbox_event WHERE clinic_id = ?")) {
            ps.setString(1, clinic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
