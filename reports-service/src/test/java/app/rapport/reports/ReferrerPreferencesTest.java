package app.rapport.reports;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.TestClinics;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A referrer's report preferences as the directory snapshot states them: a list left out is the
 * default (INITIAL and DISCHARGE), only an empty list means none.
 */
@MicronautTest(transactional = false)
class ReferrerPreferencesTest extends ReportsServiceTest {

    /** The sample's preferences: every report, every status update, every 6 visits, by FAX. */
    static final String SAMPLE_PREFERENCES = "\"reportPreferences\":{\"reports\":[\"INITIAL\",\"PROGRESS\",\"DISCHARGE\"],"
            + "\"statusUpdates\":[\"ACCEPTED\",\"SCHEDULED\",\"FIRST_VISIT\",\"DECLINED\",\"COMPLETED\"],"
            + "\"everyVisits\":6,\"channel\":\"FAX\"}";

    @Override
    boolean sendsNoMail() {
        return true;
    }

    @Test
    void preferencesThatStateOnlyAChannelOrACadenceStillGetTheInitialReport() throws Exception {
        for (String partial : List.of("\"reportPreferences\":{\"channel\":\"EMAIL\"}",
                "\"reportPreferences\":{\"everyWeeks\":4,\"channel\":\"PRINT\"}")) {
            Partners.Referral r = referralFromReferrerWith(partial);
            assertThat(recipientRoles(r)).containsExactlyInAnyOrder("REFERRING_PRACTITIONER", "PRIMARY_CARE");
        }
    }

    @Test
    void anEmptyListOfReportsStillMeansNone() throws Exception {
        Partners.Referral r = referralFromReferrerWith("\"reportPreferences\":{\"reports\":[],\"channel\":\"EMAIL\"}");
        // Both reports are decided on the same event: once the PCP's is there, the referrer's was refused.
        assertThat(recipientRoles(r)).containsExactly("PRIMARY_CARE");
    }

    /** The referrer known with {@code preferences} before their referral arrives, then the referral received. */
    private Partners.Referral referralFromReferrerWith(String preferences) throws Exception {
        Partners.Referral r = Partners.Referral.fresh(TestClinics.unique("preferences"));
        var snapshot = Partners.event("PractitionerUpdated.v1", r.clinic(), r.ids(), Map.of(SAMPLE_PREFERENCES, preferences));
        assertThat(snapshot.payload()).contains(preferences);
        Partners.send(Topics.PRACTITIONERS, snapshot);
        Partners.pcpKnown(r);
        await().atMost(ReceivedReferrals.WAIT).until(() -> referrals.exists(
                "SELECT 1 FROM practitioner WHERE clinic_id = ? AND id = ?", r.clinic(), r.referrerId()));
        Partners.send(Topics.REFERRALS, Partners.received(r, "2025-03-03"));
        await().atMost(ReceivedReferrals.WAIT).until(() -> recipientRoles(r).contains("PRIMARY_CARE"));
        return r;
    }

    private List<String> recipientRoles(Partners.Referral r) {
        List<String> roles = new ArrayList<>();
        for (JsonNode rep : api.get(r.clinic(), "/api/v1/reports?referralId=" + r.referralId()).get("items")) {
            roles.add(rep.get("recipientRole").asText());
        }
        return roles;
    }
}
