package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import com.fasterxml.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * A received referral as reports-service learns it from the broker (its referrer and PCP in the
 * directory copy, its two INITIAL reports queued), and the wait for other consumers' rows.
 */
final class ReceivedReferrals {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** The sample's treating clinician, who signs the clinic's letters. */
    static final String TREATING = "\"treatingPractitioner\":{\"id\":\"jreyes\",\"name\":\"Jordan Reyes\",\"credentials\":\"DC\"}";

    private final ClinicianRequests api;
    private final DataSource dataSource;

    ReceivedReferrals(ClinicianRequests api, DataSource dataSource) {
        this.api = api;
        this.dataSource = dataSource;
    }

    /** The sample referral (Elena Marsh from Maya Okafor, PCP Sam Lindqvist) received in {@code clinic}. */
    Partners.Referral received(String clinic) {
        return received(clinic, Map.of());
    }

    Partners.Referral received(String clinic, Map<String, String> textReplacements) {
        Partners.Referral r = Partners.Referral.fresh(clinic);
        Partners.referrerKnown(r);
        Partners.pcpKnown(r);
        EventEnvelope received = Partners.event("ReferralReceived.v2", clinic, r.ids(), textReplacements);
        Partners.send(Topics.REFERRALS, received);
        await().atMost(WAIT).until(() -> api.get(clinic, "/api/v1/reports?referralId=" + r.referralId()).get("total").asInt() == 2);
        await().atMost(WAIT).until(() -> exists("SELECT 1 FROM practitioner WHERE clinic_id = ? AND id = ?", clinic, r.referrerId())
                && exists("SELECT 1 FROM practitioner WHERE clinic_id = ? AND id = ?", clinic, r.pcpId()));
        return r;
    }

    /** The open report to the referrer ({@code REFERRING_PRACTITIONER}) or the PCP ({@code PRIMARY_CARE}). */
    String reportTo(Partners.Referral r, String role) {
        for (JsonNode rep : api.get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId()).get("items")) {
            if (rep.get("recipientRole").asText().equals(role)) {
                return rep.get("id").asText();
            }
        }
        throw new AssertionError("no report to " + role);
    }

    /** Publishes the clinic's profile and waits until this service keeps that version. */
    void profile(EventEnvelope profileUpdated, int version) {
        Partners.send(Topics.PRACTITIONERS, profileUpdated);
        await().atMost(WAIT).until(() -> exists("SELECT 1 FROM clinic_profile WHERE clinic_id = ? AND version = ?",
                profileUpdated.clinicId(), version));
    }

    /** Waits until the clinic-profile consumer has applied (or passed over) this event. */
    void processed(EventEnvelope event) {
        await().atMost(WAIT).until(() -> exists("SELECT 1 FROM processed_event WHERE consumer = ? AND event_id = ?",
                "reports-service.clinic-profile", event.id()));
    }

    boolean exists(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
