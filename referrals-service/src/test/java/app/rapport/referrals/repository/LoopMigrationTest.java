package app.rapport.referrals.repository;

import app.rapport.platform.testing.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V4 on a database that already holds loops closed under the earlier rule: one closed by a report to
 * the patient's PCP reopens and keeps that report as the day the PCP was reported to; one closed by a
 * report to the referrer stays closed.
 */
class LoopMigrationTest {

    @Test
    void loopsThatOnlyAPcpReportClosedReopenAndKeepTheDayThePcpWasReportedTo() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        String url = infra.newDatabase("referrals-v4");
        migrate(url, infra, "3");
        try (Connection c = DriverManager.getConnection(url, infra.user(), infra.password());
             Statement s = c.createStatement()) {
            s.executeUpdate(closedLoop("11111111-1111-4111-8111-111111111111", "PRIMARY_CARE"));
            s.executeUpdate(closedLoop("22222222-2222-4222-8222-222222222222", "REFERRING_PRACTITIONER"));

            migrate(url, infra, "latest");

            try (ResultSet pcpOnly = s.executeQuery("SELECT loop_closed_at, loop_closed_report_id, "
                    + "loop_closed_recipient_role, pcp_reported_at FROM referral WHERE id = '11111111-1111-4111-8111-111111111111'")) {
                pcpOnly.next();
                assertThat(pcpOnly.getTimestamp("loop_closed_at")).isNull();
                assertThat(pcpOnly.getString("loop_closed_report_id")).isNull();
                assertThat(pcpOnly.getString("loop_closed_recipient_role")).isNull();
                assertThat(pcpOnly.getString("pcp_reported_at")).startsWith("2025-03-07 00:31:56");
            }
            try (ResultSet referrer = s.executeQuery("SELECT loop_closed_at, loop_closed_recipient_role, pcp_reported_at "
                    + "FROM referral WHERE id = '22222222-2222-4222-8222-222222222222'")) {
                referrer.next();
                assertThat(referrer.getString("loop_closed_at")).startsWith("2025-03-07 00:31:56");
                assertThat(referrer.getString("loop_closed_recipient_role")).isEqualTo("REFERRING_PRACTITIONER");
                assertThat(referrer.getTimestamp("pcp_reported_at")).isNull();
            }
        }
    }

    private static void migrate(String url, TestInfrastructure infra, String target) {
        Flyway.configure().dataSource(url, infra.user(), infra.password()).locations("classpath:db/migration")
                .target(target).load().migrate();
    }

    private static String closedLoop(String id, String recipientRole) {
        return "INSERT INTO referral (id, clinic_id, direction, kind, practitioner_id, patient_id, reason, urgency, "
                + "channel, referred_on, status, loop_closed_at, loop_closed_report_id, loop_closed_to_practitioner_id, "
                + "loop_closed_recipient_role, loop_closed_channel, created_by, created_at, updated_at) VALUES ('" + id
                + "', 'tacoma', 'RECEIVED', 'REFERRAL', '3c659de6-c9d5-48e0-8306-d57f7893908f', "
                + "'84e8d13e-1a5d-43d1-bec1-18a9ea17de52', 'Low back pain', 'ROUTINE', 'PHONE', '2025-03-03', 'ACCEPTED', "
                + "'2025-03-07 00:31:56.448', '23b3f01a-882a-4c0d-b05e-3e662a0fb9db', "
                + "'3c659de6-c9d5-48e0-8306-d57f7893908f', '" + recipientRole + "', 'EMAIL', 'kpatel', "
                + "'2025-03-03 18:05:37', '2025-03-07 00:31:56')";
    }
}
