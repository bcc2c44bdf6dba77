package app.rapport.referrals.web;

import app.rapport.platform.testing.TestClinics;
import app.rapport.referrals.ReferralsTestSupport;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console's referral list asks of the service: search by name, and the counts of its status chips. */
@MicronautTest(transactional = false)
class ReferralListTest extends ReferralsTestSupport {

    @Test
    void qFindsReferralsByAPrefixOfThePatientsOrThePartnersNameInTheCallersClinicOnly() {
        String clinic = TestClinics.unique("seattle-downtown");
        String other = TestClinics.unique("tacoma");
        String okafor = partner(clinic, "Maya", "Okafor", false);
        String doula = partner(clinic, "Hannah", "Lindqvist", false);
        String elena = open(clinic, "RECEIVED", okafor, "Elena", "Marsh");
        String ruth = open(clinic, "SENT", doula, "Ruth", "Abara");
        String omar = open(clinic, "RECEIVED", okafor, "Omar", "Marshall");
        // Another clinic with a patient and a partner of the same names.
        String theirs = open(other, "RECEIVED", partner(other, "Hannah", "Lindqvist", false), "Elena", "Marsh");

        assertThat(ids(clinic, "q=marsh")).containsExactlyInAnyOrder(elena, omar);
        assertThat(ids(clinic, "q=ELENA")).containsExactly(elena);
        assertThat(ids(clinic, "q=" + enc("Elena  M"))).containsExactly(elena);
        assertThat(ids(clinic, "q=" + enc("Marsh, Elena"))).containsExactly(elena);
        assertThat(ids(clinic, "q=lindq")).containsExactly(ruth);
        assertThat(ids(clinic, "q=" + enc("hannah l"))).containsExactly(ruth);
        assertThat(ids(clinic, "q=okafor")).containsExactlyInAnyOrder(elena, omar);
        assertThat(ids(clinic, "q=okafor&direction=SENT")).isEmpty();
        assertThat(ids(clinic, "q=arsh")).as("a prefix, not any part of the name").isEmpty();
        assertThat(ids(clinic, "q=" + enc("m%"))).as("LIKE wildcards are literal").isEmpty();
        assertThat(ids(clinic, "q=" + enc("   "))).hasSize(3);
        assertThat(ids(other, "q=marsh")).containsExactly(theirs);
        assertThat(ids(other, "q=okafor")).isEmpty();

        Map<String, Object> page = get("/api/v1/referrals?q=lindqvist", staff(clinic));
        assertThat(page).containsEntry("total", 1);
        assertThat(((List<Map<String, Object>>) page.get("items")).get(0))
                .containsEntry("patientName", "Ruth Abara")
                .containsEntry("practitionerName", "Hannah Lindqvist, MD, FACOG");
        assertThat(problem(HttpRequest.GET("/api/v1/referrals?q=" + "x".repeat(101)), staff(clinic), 400).toString())
                .contains("q");
    }

    @Test
    void statusCountsCountEachStatusOfTheDirectionInTheCallersClinicOnly() {
        String clinic = TestClinics.unique("bellevue");
        String other = TestClinics.unique("renton");
        String okafor = partner(clinic, "Maya", "Okafor", false);
        open(clinic, "RECEIVED", okafor, "Elena", "Marsh");
        String accepted = open(clinic, "RECEIVED", okafor, "Ruth", "Abara");
        transition(clinic, accepted, "ACCEPTED", null);
        String declined = open(clinic, "RECEIVED", partner(clinic, "Hannah", "Lindqvist", false), "Omar", "Marshall");
        transition(clinic, declined, "DECLINED", "Outside our scope");
        open(clinic, "SENT", okafor, "Elena", "Marsh");
        String otherPartner = partner(other, "Maya", "Okafor", false);
        open(other, "RECEIVED", otherPartner, "Elena", "Marsh");
        open(other, "RECEIVED", otherPartner, "Ruth", "Abara");

        Map<String, Object> received = get("/api/v1/referrals/status-counts?direction=RECEIVED", staff(clinic));
        assertThat(new ArrayList<>(received.keySet())).containsExactly("RECEIVED", "ACCEPTED", "SCHEDULED", "NO_SHOW",
                "IN_TREATMENT", "COMPLETED", "DECLINED", "CANCELLED");
        assertThat(received).containsEntry("RECEIVED", 1).containsEntry("ACCEPTED", 1).containsEntry("DECLINED", 1)
                .containsEntry("SCHEDULED", 0).containsEntry("CANCELLED", 0);

        Map<String, Object> sent = get("/api/v1/referrals/status-counts?direction=SENT", staff(clinic));
        assertThat(new ArrayList<>(sent.keySet())).containsExactly("SENT", "ACKNOWLEDGED", "SEEN", "CLOSED",
                "DECLINED", "CANCELLED");
        assertThat(sent).containsEntry("SENT", 1).containsEntry("DECLINED", 0);

        Map<String, Object> both = get("/api/v1/referrals/status-counts", staff(clinic));
        assertThat(both).hasSize(12).containsEntry("RECEIVED", 1).containsEntry("SENT", 1).containsEntry("DECLINED", 1);

        // The counts follow the list's other filters, the name search included.
        assertThat(get("/api/v1/referrals/status-counts?direction=RECEIVED&q=marsh", staff(clinic)))
                .containsEntry("RECEIVED", 1).containsEntry("ACCEPTED", 0).containsEntry("DECLINED", 1);
        assertThat(get("/api/v1/referrals/status-counts?direction=RECEIVED&practitionerId=" + okafor, staff(clinic)))
                .containsEntry("RECEIVED", 1).containsEntry("ACCEPTED", 1).containsEntry("DECLINED", 0);

        assertThat(get("/api/v1/referrals/status-counts?direction=RECEIVED", staff(other)))
                .containsEntry("RECEIVED", 2).containsEntry("ACCEPTED", 0).containsEntry("DECLINED", 0);
        assertThat(get("/api/v1/referrals/status-counts?direction=SENT", staff(other))).containsEntry("SENT", 0);
        assertThat(get("/api/v1/referrals/status-counts", staff(TestClinics.unique("kent"))).values())
                .allSatisfy(n -> assertThat(n).isEqualTo(0));
        problem(HttpRequest.GET("/api/v1/referrals/status-counts?direction=SIDEWAYS"), staff(clinic), 400);
        problem(HttpRequest.GET("/api/v1/referrals/status-counts"), null, 401);
    }

    private String open(String clinic, String direction, String partner, String first, String last) {
        Map<String, Object> body = newReferral(direction, partner);
        body.put("patient", new HashMap<>(Map.of("firstName", first, "lastName", last, "birthDate", "1991-04-17",
                "phone", "+12065550100")));
        return (String) post("/api/v1/referrals", body, staff(clinic)).get("id");
    }

    private List<Object> ids(String clinic, String query) {
        return ((List<Map<String, Object>>) get("/api/v1/referrals?size=50&" + query, staff(clinic)).get("items"))
                .stream().map(r -> r.get("id")).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
