package app.rapport.reports;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Referral analytics built only from the events other services publish (their golden samples),
 * per clinic, and rolled up across a group only for a group-admin.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalyticsTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Client("/")
    HttpClient http;

    private final String north = TestClinics.unique("seattle-north");
    private final String south = TestClinics.unique("seattle-south");
    private Partners.Referral okafor1;
    private Partners.Referral okafor2;
    private Partners.Referral southReferral;

    @Override
    public Map<String, String> getProperties() {
        return RapportTestProperties.forService("reports");
    }

    /**
     * North: Dr. Okafor (OB/GYN) referred twice (Jan and Mar 2025); the first patient came for two
     * visits ($145 + $95.50), the second never came. North sent one referral to her. A thank-you
     * for the first referral was done two business days later. South: one referral from its own partner.
     */
    @BeforeAll
    void feedEvents() {
        okafor1 = Partners.Referral.fresh(north);
        okafor2 = new Partners.Referral(north, Partners.uuid(), okafor1.referrerId(), okafor1.pcpId(), Partners.uuid());
        Partners.referrerKnown(okafor1);
        Partners.send(Topics.REFERRALS, Partners.received(okafor1, "2025-01-10"));       // a Friday
        Partners.send(Topics.REFERRALS, Partners.received(okafor2, "2025-03-03"));
        Partners.send(Topics.REFERRALS, Partners.visit(okafor1, 1, "2025-01-15", "145.00"));
        Partners.send(Topics.REFERRALS, Partners.visit(okafor1, 2, "2025-01-22", "95.50"));
        Partners.send(Topics.REFERRALS, Partners.event("ReferralSent.v1", north,
                Map.of("5abf9720-3b6c-4cec-a511-6869c703f703", Partners.uuid(),
                        "cc7cca8f-a006-477b-ac48-4f22db6f65e6", okafor1.referrerId()), Map.of()));
        Partners.send(Topics.REFERRALS, Partners.event("ReferralStatusChanged.v1", north, okafor1.ids(), Map.of()));
        Partners.send(Topics.OUTREACH_ACTIVITIES, Partners.event("OutreachTaskCompleted.v1", north,
                Map.of(Partners.SAMPLE_TASK, Partners.uuid(), Partners.SAMPLE_REFERRER, okafor1.referrerId(),
                        Partners.SAMPLE_REFERRAL, okafor1.referralId()),
                Map.of("2025-03-04T21:18:44.095Z", "2025-01-14T18:00:00Z")));               // Tuesday: 2 business days

        southReferral = Partners.Referral.fresh(south);
        Partners.referrerKnown(southReferral);
        Partners.send(Topics.REFERRALS, Partners.received(southReferral, "2025-02-20"));

        // Until every event above is in: the first visit alone already makes the one revenue row.
        await().atMost(WAIT).until(() -> rows(north, "/api/v1/analytics/revenue").size() == 1
                && rows(north, "/api/v1/analytics/revenue").get(0).get("visits").asInt() == 2
                && rows(north, "/api/v1/analytics/thank-you-turnaround").size() == 1
                && rows(north, "/api/v1/analytics/partners").size() == 1
                && rows(north, "/api/v1/analytics/partners").get(0).get("sent").asInt() == 1
                // the partner's name comes from the directory copy, another consumer's topic
                && rows(north, "/api/v1/analytics/partners").get(0).path("practitionerName").isTextual()
                && rows(north, "/api/v1/analytics/referrals").get(0).get("received").asInt() == 2
                && rows(south, "/api/v1/analytics/referrals").size() == 1);
    }

    @Test
    void referralsBySourceSpecialtyAndMonth() {
        JsonNode bySource = rows(north, "/api/v1/analytics/referrals?by=source").get(0);
        assertThat(bySource.get("practitionerId").asText()).isEqualTo(okafor1.referrerId());
        assertThat(bySource.get("practitionerName").asText()).isEqualTo("Maya Okafor");
        assertThat(bySource.get("specialty").asText()).isEqualTo("OB_GYN");
        assertThat(bySource.get("received").asInt()).isEqualTo(2);

        assertThat(rows(north, "/api/v1/analytics/referrals?by=specialty"))
                .extracting(n -> n.get("specialty").asText() + "=" + n.get("received").asInt()).containsExactly("OB_GYN=2");
        // Every month of the range, February's none as 0, so a trend line does not join January to March.
        assertThat(rows(north, "/api/v1/analytics/referrals?by=month"))
                .extracting(n -> n.get("month").asText() + "=" + n.get("received").asInt())
                .containsExactly("2025-01=1", "2025-02=0", "2025-03=1");
        assertThat(rows(north, "/api/v1/analytics/referrals?by=month&from=2025-02-01"))
                .extracting(n -> n.get("month").asText() + "=" + n.get("received").asInt()).containsExactly("2025-02=0", "2025-03=1");
        // A bounded range runs to its ends: the quiet months after the last referral show as 0.
        assertThat(rows(north, "/api/v1/analytics/referrals?by=month&from=2024-12-15&to=2025-05-31"))
                .extracting(n -> n.get("month").asText() + "=" + n.get("received").asInt())
                .containsExactly("2024-12=0", "2025-01=1", "2025-02=0", "2025-03=1", "2025-04=0", "2025-05=0");
        assertThat(rows(north, "/api/v1/analytics/referrals?by=month&from=2026-01-01&to=2026-03-31")).isEmpty();
        // Only by month: a source or specialty without referrals is no row.
        assertThat(rows(north, "/api/v1/analytics/referrals?by=source&from=2025-02-01&to=2025-02-28")).isEmpty();
        assertThat(status(() -> rows(north, "/api/v1/analytics/referrals?by=weather"))).isEqualTo(422);
        assertThat(status(() -> rows(north, "/api/v1/analytics/referrals?from=2025-03-01&to=2025-02-01"))).isEqualTo(422);
    }

    @Test
    void conversionRevenueBalanceDormancyAndThankYouTurnaround() {
        JsonNode conversion = rows(north, "/api/v1/analytics/conversion").get(0);
        assertThat(conversion.get("received").asInt()).isEqualTo(2);
        assertThat(conversion.get("firstVisits").asInt()).isEqualTo(1);
        assertThat(conversion.get("conversionRate").asText()).isEqualTo("0.5");
        assertThat(conversion.get("averageDaysToFirstVisit").asText()).isEqualTo("5.0");

        JsonNode revenue = rows(north, "/api/v1/analytics/revenue").get(0);
        assertThat(revenue.get("visits").asInt()).isEqualTo(2);
        assertThat(revenue.get("referrals").asInt()).isEqualTo(1);
        assertThat(revenue.get("billedRevenue").asText()).isEqualTo("240.50");
        assertThat(revenue.get("currency").asText()).isEqualTo("USD");

        JsonNode partner = rows(north, "/api/v1/analytics/partners").get(0);
        assertThat(partner.get("received").asInt()).isEqualTo(2);
        assertThat(partner.get("sent").asInt()).isEqualTo(1);
        assertThat(partner.get("balance").asInt()).isEqualTo(1);
        assertThat(partner.get("firstReferralOn").asText()).isEqualTo("2025-01-10");
        assertThat(partner.get("lastReferralOn").asText()).isEqualTo("2025-03-03");
        assertThat(partner.get("lastSentOn").asText()).isEqualTo("2025-03-21");

        assertThat(rows(north, "/api/v1/analytics/dormant?asOf=2025-04-01&days=90")).isEmpty();
        JsonNode dormant = rows(north, "/api/v1/analytics/dormant?asOf=2025-07-01&days=90").get(0);
        assertThat(dormant.get("practitionerId").asText()).isEqualTo(okafor1.referrerId());
        assertThat(dormant.get("daysSinceLastReferral").asInt()).isEqualTo(120);

        JsonNode thanks = rows(north, "/api/v1/analytics/thank-you-turnaround").get(0);
        assertThat(thanks.get("thankYous").asInt()).isEqualTo(1);
        assertThat(thanks.get("averageBusinessDays").asText()).isEqualTo("2.0");
        assertThat(thanks.get("withinTwoBusinessDays").asInt()).isEqualTo(1);
    }

    /**
     * Fremont: Dr. Okafor's first patient was billed $145.00 and came once more on the house; her
     * second patient's one visit was not billed either. Dr. Lindqvist billed a Canadian patient
     * CA$80.00 and a US one $50.00. Dr. Bello's one visit was not billed.
     */
    @Test
    void revenueHasOneRowPerSourceAndCurrencyWhateverWasLeftUnbilled() {
        String fremont = TestClinics.unique("fremont");
        Partners.Referral okafor = Partners.Referral.fresh(fremont);
        Partners.Referral okaforAgain = new Partners.Referral(fremont, Partners.uuid(), okafor.referrerId(), okafor.pcpId(),
                Partners.uuid());
        Partners.Referral lindqvist = Partners.Referral.fresh(fremont);
        Partners.Referral bello = Partners.Referral.fresh(fremont);
        for (Partners.Referral r : List.of(okafor, okaforAgain, lindqvist, bello)) {
            Partners.send(Topics.REFERRALS, Partners.received(r, "2025-04-01"));
        }
        Partners.send(Topics.REFERRALS, Partners.visit(okafor, 1, "2025-04-07", "145.00"));
        Partners.send(Topics.REFERRALS, Partners.unbilledVisit(okafor, 2, "2025-04-14"));
        Partners.send(Topics.REFERRALS, Partners.unbilledVisit(okaforAgain, 1, "2025-04-15"));
        Partners.send(Topics.REFERRALS, Partners.visitIn(lindqvist, "80.00", "CAD"));
        Partners.send(Topics.REFERRALS, Partners.visitIn(lindqvist, "50.00", "USD"));
        Partners.send(Topics.REFERRALS, Partners.unbilledVisit(bello, 1, "2025-04-09"));

        String path = "/api/v1/analytics/revenue?from=2025-04-01&to=2025-04-30";
        await().atMost(WAIT).until(() -> rows(fremont, path).stream().mapToInt(n -> n.get("visits").asInt()).sum() == 6);
        assertThat(rows(fremont, path)).extracting(n -> who(n, okafor, lindqvist, bello) + " " + n.get("referrals").asInt()
                        + " referrals, " + n.get("visits").asInt() + " visits, " + n.get("billedRevenue").asText()
                        + " " + n.path("currency").asText("no currency"))
                .containsExactly("Okafor 2 referrals, 3 visits, 145.00 USD",
                        "Lindqvist 1 referrals, 1 visits, 80.00 CAD",
                        "Lindqvist 1 referrals, 1 visits, 50.00 USD",
                        "Bello 1 referrals, 1 visits, 0.00 no currency");
    }

    private static final String SAMPLE_GIFT = "6b8f2e91-0d1c-45b7-84e5-21868e48a39a";
    private static final String SAMPLE_REVERSED_GIFT = "1e5c9a27-8d40-4b6f-93a2-7f0b4e1d5c68";

    private static app.rapport.platform.events.EventEnvelope gift(String clinic, String giftId, String partnerId,
                                                                  String amount) {
        return Partners.event("GiftRecorded.v1", clinic, Map.of(SAMPLE_GIFT, giftId, Partners.SAMPLE_REFERRER, partnerId),
                Map.of("86.40", amount));           // given 2025-06-12
    }

    private static app.rapport.platform.events.EventEnvelope reversal(String clinic, String giftId, String partnerId,
                                                                      String amount) {
        return Partners.event("GiftReversed.v1", clinic, Map.of(SAMPLE_REVERSED_GIFT, giftId,
                Partners.SAMPLE_REFERRER, partnerId), Map.of("95.00", amount));
    }

    /**
     * Kirkland: Dr. Okafor's patient was billed $145.00 in June 2025; the clinic sent her office a
     * $86.40 lunch (the event delivered twice, and published again), invited her to a free evaluation
     * worth $95.00 that she declined, and a $60.00 certificate whose reversal arrived before it. It
     * sent Dr. Lindqvist, whose patients had no visit in June, a $40.00 gift. Another clinic's gift
     * to the same practitioner id never counts.
     */
    @Test
    void returnPerSourceSubtractsWhatTheClinicSpentOnTheRelationship() {
        String kirkland = TestClinics.unique("kirkland");
        String elsewhere = TestClinics.unique("redmond");
        Partners.Referral okafor = Partners.Referral.fresh(kirkland);
        String lindqvist = Partners.uuid();
        Partners.send(Topics.REFERRALS, Partners.received(okafor, "2025-06-01"));
        Partners.send(Topics.REFERRALS, Partners.visit(okafor, 1, "2025-06-05", "145.00"));

        String lunch = Partners.uuid();
        var lunchEvent = gift(kirkland, lunch, okafor.referrerId(), "86.40");
        Partners.send(Topics.OUTREACH_ACTIVITIES, lunchEvent);
        Partners.send(Topics.OUTREACH_ACTIVITIES, lunchEvent);                                     // redelivered
        Partners.send(Topics.OUTREACH_ACTIVITIES, gift(kirkland, lunch, okafor.referrerId(), "86.40")); // published again
        String evaluation = Partners.uuid();
        Partners.send(Topics.OUTREACH_ACTIVITIES, gift(kirkland, evaluation, okafor.referrerId(), "95.00"));
        Partners.send(Topics.OUTREACH_ACTIVITIES, reversal(kirkland, evaluation, okafor.referrerId(), "95.00"));
        String certificate = Partners.uuid();
        Partners.send(Topics.OUTREACH_ACTIVITIES, reversal(kirkland, certificate, okafor.referrerId(), "60.00"));
        Partners.send(Topics.OUTREACH_ACTIVITIES, gift(kirkland, certificate, okafor.referrerId(), "60.00"));
        Partners.send(Topics.OUTREACH_ACTIVITIES, gift(kirkland, Partners.uuid(), lindqvist, "40.00"));
        Partners.send(Topics.OUTREACH_ACTIVITIES, gift(elsewhere, Partners.uuid(), okafor.referrerId(), "500.00"));

        String june = "/api/v1/analytics/revenue?from=2025-06-01&to=2025-06-30";
        // Events on several partitions arrive in any order: the rows settle on what they all say.
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows(kirkland, june)).extracting(n -> n.get("practitionerId").asText().substring(0, 8) + " "
                        + n.get("billedRevenue").asText() + " " + n.path("currency").asText("-") + " spent "
                        + n.get("spent").asText() + " net " + n.get("net").asText())
                .containsExactly(okafor.referrerId().substring(0, 8) + " 145.00 USD spent 86.40 net 58.60",
                        lindqvist.substring(0, 8) + " 0.00 USD spent 40.00 net -40.00"));
        // Spend counts in the range it was given in: none in May, and May had no visit either.
        assertThat(rows(kirkland, "/api/v1/analytics/revenue?from=2025-05-01&to=2025-05-31")).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows(elsewhere, june)).extracting(n -> n.get("spent").asText()).containsExactly("500.00"));

        HttpResponse<String> csv = http.toBlocking().exchange(HttpRequest.GET(june + "&format=csv")
                .header("Authorization", TestTokens.bearer(kirkland, "staff")), String.class);
        assertThat(csv.body().split("\r\n")[0])
                .isEqualTo("practitionerId,practitionerName,referrals,visits,billedRevenue,currency,spent,net");
        assertThat(csv.body()).contains(okafor.referrerId() + ",,1,1,145.00,USD,86.40,58.60");
    }

    /**
     * Ballard: Dr. Okafor and Derek Vance both last referred in early 2025; the clinic archived
     * Vance (he moved away). By July only Dr. Okafor is a partner gone quiet; restored, Vance is too.
     */
    @Test
    void partnersGoneQuietLeaveOutTheArchivedUntilTheyAreRestored() {
        String ballard = TestClinics.unique("ballard");
        Partners.Referral okafor = Partners.Referral.fresh(ballard);
        Partners.Referral vance = Partners.Referral.fresh(ballard);
        Partners.referrerKnown(okafor);
        Partners.send(Topics.PRACTITIONERS, Partners.event("PractitionerArchived.v1", ballard,
                Map.of(ARCHIVED_SAMPLE, vance.referrerId()), Map.of()));
        Partners.send(Topics.REFERRALS, Partners.received(okafor, "2025-02-03"));
        Partners.send(Topics.REFERRALS, Partners.received(vance, "2025-01-20"));

        String path = "/api/v1/analytics/dormant?asOf=2025-07-01&days=90";
        // Both referrals counted and both directory entries (Vance's archived one included) arrived.
        await().atMost(WAIT).until(() -> rows(ballard, "/api/v1/analytics/partners").stream()
                .filter(n -> n.path("practitionerName").isTextual()).count() == 2);
        assertThat(rows(ballard, "/api/v1/analytics/partners")).hasSize(2);
        assertThat(rows(ballard, path)).extracting(n -> n.get("practitionerName").asText())
                .containsExactly("Maya Okafor");

        // Restored in contacts-service: the newer snapshot, archived false, as PractitionerUpdated.
        Partners.send(Topics.PRACTITIONERS, Partners.event("PractitionerUpdated.v1", ballard,
                Map.of(Partners.SAMPLE_REFERRER, vance.referrerId()), Map.of("\"Maya\"", "\"Derek\"",
                        "\"Okafor\"", "\"Vance\"", "\"version\":4", "\"version\":8")));
        await().atMost(WAIT).until(() -> rows(ballard, path).size() == 2);
        assertThat(rows(ballard, path)).extracting(n -> n.get("practitionerName").asText() + " "
                + n.get("daysSinceLastReferral").asInt()).containsExactlyInAnyOrder("Maya Okafor 148", "Derek Vance 162");
    }

    @Test
    void theBalanceAndThankYouTurnaroundKeepToTheDateRange() {
        // March only: her second referral and the one sent back, so the balance evens out.
        JsonNode march = rows(north, "/api/v1/analytics/partners?from=2025-03-01&to=2025-03-31").get(0);
        assertThat(march.get("received").asInt()).isEqualTo(1);
        assertThat(march.get("sent").asInt()).isEqualTo(1);
        assertThat(march.get("balance").asInt()).isEqualTo(0);
        assertThat(march.get("firstReferralOn").asText()).isEqualTo("2025-03-03");
        JsonNode january = rows(north, "/api/v1/analytics/partners?to=2025-01-31").get(0);
        assertThat(january.get("received").asInt()).isEqualTo(1);
        assertThat(january.get("sent").asInt()).isEqualTo(0);

        // The thank-you belongs to the January referral.
        assertThat(rows(north, "/api/v1/analytics/thank-you-turnaround?from=2025-02-01")).isEmpty();
        assertThat(rows(north, "/api/v1/analytics/thank-you-turnaround?from=2025-01-01&to=2025-01-31").get(0)
                .get("thankYous").asInt()).isEqualTo(1);
        assertThat(status(() -> rows(north, "/api/v1/analytics/partners?from=2025-03-01&to=2025-02-01"))).isEqualTo(422);
    }

    @Test
    void everyReportExportsAsCsvByParameterOrAcceptHeader() {
        HttpResponse<String> csv = http.toBlocking().exchange(HttpRequest.GET("/api/v1/analytics/revenue?format=csv")
                .header("Authorization", TestTokens.bearer(north, "staff")), String.class);
        assertThat(csv.getContentType().orElseThrow().getName()).isEqualTo("text/csv");
        assertThat(csv.body().split("\r\n")).containsExactly(
                "practitionerId,practitionerName,referrals,visits,billedRevenue,currency,spent,net",
                okafor1.referrerId() + ",Maya Okafor,1,2,240.50,USD,0.00,240.50");

        for (String report : List.of("referrals", "conversion", "partners", "dormant", "thank-you-turnaround")) {
            HttpResponse<String> byAccept = http.toBlocking().exchange(HttpRequest.GET("/api/v1/analytics/" + report)
                    .header("Authorization", TestTokens.bearer(north, "staff")).accept("text/csv"), String.class);
            assertThat(byAccept.getContentType().orElseThrow().getName()).as(report).isEqualTo("text/csv");
            assertThat(byAccept.body()).as(report).startsWith(report.equals("referrals") ? "practitionerId,practitionerName,specialty,month,received"
                    : "practitionerId,");
        }
    }

    @Test
    void aGroupAdminRollsUpTheGroupsClinicsAndNobodyElseSeesAnotherClinic() {
        // Each clinic alone.
        assertThat(rows(north, "/api/v1/analytics/referrals?by=month")).hasSize(3);
        assertThat(rows(south, "/api/v1/analytics/referrals?by=month"))
                .extracting(n -> n.get("month").asText()).containsExactly("2025-02");

        // A group-admin of north whose token lists both clinics sees the sum.
        String groupAdmin = token("admin@group", north, List.of("group-admin"), List.of(north, south));
        JsonNode rollUp = get(groupAdmin, "/api/v1/analytics/referrals?by=month&scope=group");
        assertThat(rollUp.get("clinics")).extracting(JsonNode::asText).containsExactlyInAnyOrder(north, south);
        assertThat(rollUp.get("rows")).extracting(n -> n.get("month").asText() + "=" + n.get("received").asInt())
                .containsExactly("2025-01=1", "2025-02=1", "2025-03=1");
        // Without scope=group, even a group-admin reads their own clinic.
        assertThat(get(groupAdmin, "/api/v1/analytics/referrals?by=month").get("rows")).extracting(n -> n.get("received").asInt())
                .containsExactly(1, 0, 1);

        // Staff whose token lists the other clinic anyway: refused, never rolled up.
        String forged = token("staff@north", north, List.of("staff"), List.of(north, south));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> get(forged, "/api/v1/analytics/referrals?by=month&scope=group"));
        assertThat(e.getStatus().getCode()).isEqualTo(403);
        JsonNode own = get(forged, "/api/v1/analytics/partners");
        assertThat(own.get("clinics")).extracting(JsonNode::asText).containsExactly(north);
        assertThat(own.get("rows")).extracting(n -> n.get("practitionerId").asText())
                .doesNotContain(southReferral.referrerId());
    }

    private static final String ARCHIVED_SAMPLE = "8c465c47-5a23-4cb6-bf74-b8dbc0cf9bcd";

    private static String who(JsonNode row, Partners.Referral okafor, Partners.Referral lindqvist, Partners.Referral bello) {
        String id = row.get("practitionerId").asText();
        return id.equals(okafor.referrerId()) ? "Okafor" : id.equals(lindqvist.referrerId()) ? "Lindqvist"
                : id.equals(bello.referrerId()) ? "Bello" : id;
    }

    private List<JsonNode> rows(String clinic, String path) {
        JsonNode body = get("Bearer " + TestTokens.token(clinic, "staff"), path);
        // An empty table still says "rows": [] — a client should not have to guess whether the key was left out.
        assertThat(body.path("rows").isArray()).as("rows of " + path).isTrue();
        return List.copyOf(toList(body.get("rows")));
    }

    private static List<JsonNode> toList(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private JsonNode get(String bearer, String path) {
        try {
            return JSON.readTree(http.toBlocking().retrieve(HttpRequest.GET(path).header("Authorization", bearer), String.class));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token as the group's identity provider issues it, with the {@code clinics} claim (ADR 0401). */
    private static String token(String user, String clinic, List<String> roles, List<String> clinics) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user).issuer("rapport")
                    .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                    .claim("clinic", clinic).claim("roles", roles).claim("clinics", clinics).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
            return "Bearer " + jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int status(Runnable call) {
        try {
            call.run();
            return 200;
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
