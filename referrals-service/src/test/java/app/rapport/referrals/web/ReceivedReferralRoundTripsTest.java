package app.rapport.referrals.web;

import app.rapport.platform.testing.RoundTrips;
import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: what one received referral costs the database, counted as the driver sends it (not timed:
 * speed belongs in the benchmark). The six round trips of a referral naming someone new:
 * <ol>
 *   <li>the partner, from the clinic's directory copy (active? and the name the 201 shows);</li>
 *   <li>the patient opened by INSERT IGNORE on V9's key (found instead when on file, ADR 0205);</li>
 *   <li>the referral row;</li>
 *   <li>its first status in the history;</li>
 *   <li>both events (ReferralReceived and PatientReferred) in one multi-row outbox INSERT;</li>
 *   <li>the COMMIT.</li>
 * </ol>
 * The 201 is built from those rows: no read-back. The transaction's own {@code SET autocommit} on
 * and off, sent by the pool and the driver around every transaction, are counted apart.
 */
@MicronautTest(transactional = false)
class ReceivedReferralRoundTripsTest extends ReferralsTestSupport {

    private static final int MOST_FOR_A_NEW_PATIENT = 6;

    @Override
    public Map<String, String> getProperties() {
        return RoundTrips.recordedThrough(super.getProperties());
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReceivedReferralNamingSomeoneNewTakesAtMostSixRoundTripsAndItsAnswerIsWhatWasWritten() {
        String clinic = TestClinics.unique("tacoma");
        String partner = partner(clinic, false);
        // The first request of a fresh service also warms caches (and may read settings); not counted.
        post("/api/v1/referrals", newReferral("RECEIVED", partner), staff(clinic));

        Map<String, Object> body = newReferral("RECEIVED", partner);
        ((Map<String, Object>) body.get("patient")).put("lastName", "Whitaker");
        RoundTrips.start();
        Map<String, Object> created = post("/api/v1/referrals", body, staff(clinic));
        List<RoundTrips.Sent> sent = ofTheRequest(RoundTrips.stop());
        System.out.println("Round trips of a received referral naming someone new:" + listing(sent));

        assertThat(statements(sent)).as(listing(sent)).hasSizeLessThanOrEqualTo(MOST_FOR_A_NEW_PATIENT);
        assertThat(statements(sent)).as(listing(sent)).anyMatch(sql -> sql.equalsIgnoreCase("commit"));
        // What the 201 said is what anyone reading the referral afterwards sees.
        assertThat(created).isEqualTo(get("/api/v1/referrals/" + created.get("id"), staff(clinic)));
    }

    @Test
    void aPatientAlreadyOnFileCostsOneLookUpMoreAndIsShownWithTheirNamesakes() {
        String clinic = TestClinics.unique("tacoma");
        String partner = partner(clinic, false);
        post("/api/v1/referrals", newReferral("RECEIVED", partner), staff(clinic));

        RoundTrips.start();
        Map<String, Object> again = post("/api/v1/referrals", newReferral("RECEIVED", partner), staff(clinic));
        List<RoundTrips.Sent> sent = ofTheRequest(RoundTrips.stop());
        System.out.println("Round trips of a received referral naming a patient on file:" + listing(sent));

        // The INSERT IGNORE found them; one read gives the patient on file and everyone of that name.
        assertThat(statements(sent)).as(listing(sent)).hasSizeLessThanOrEqualTo(MOST_FOR_A_NEW_PATIENT + 1);
        assertThat(again).isEqualTo(get("/api/v1/referrals/" + again.get("id"), staff(clinic)));
    }

    /** The commands of the thread that wrote the referral: the relay and consumers use threads of their own. */
    private static List<RoundTrips.Sent> ofTheRequest(List<RoundTrips.Sent> all) {
        String thread = all.stream().filter(s -> s.sql().toLowerCase(Locale.ROOT).startsWith("insert into `referral`")
                        || s.sql().toLowerCase(Locale.ROOT).startsWith("insert into referral "))
                .map(RoundTrips.Sent::thread).findFirst()
                .orElseThrow(() -> new AssertionError("no INSERT into referral among " + listing(all)));
        return all.stream().filter(s -> s.thread().equals(thread)).toList();
    }

    private static List<String> statements(List<RoundTrips.Sent> sent) {
        // Left out: the autocommit switches (ADR 0015, consequences) and HikariCP's aliveness check of a
        // connection that sat idle for over 500 ms before the request borrowed it (a SELECT 1 that a busy
        // service never sends, and that no change to the ingest path could save).
        return sent.stream().map(RoundTrips.Sent::sql)
                .filter(sql -> !sql.toLowerCase(Locale.ROOT).startsWith("set autocommit"))
                .filter(sql -> !sql.trim().equalsIgnoreCase("select 1")).toList();
    }

    private static String listing(List<RoundTrips.Sent> sent) {
        // Each command cut short: its values (a test patient's name) are not what the listing is for.
        return sent.stream().map(s -> s.thread() + ": " + s.sql().substring(0, Math.min(80, s.sql().length())))
                .collect(Collectors.joining("\n  ", "\n  ", "\n"));
    }
}
