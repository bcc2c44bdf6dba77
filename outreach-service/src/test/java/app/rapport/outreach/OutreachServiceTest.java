package app.rapport.outreach;

import app.rapport.outreach.domain.RuleRunner;
import app.rapport.platform.events.CloudEventHeaders;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.inbox.DeadLetters;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.KafkaProbe;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.RowLock;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * outreach-service against the real database, broker and an SMTP server: golden-sample events in,
 * tasks and gifts over HTTP, activity events out.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutreachServiceTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SAMPLE_PARTNER = "3c659de6-c9d5-48e0-8306-d57f7893908f";
    private static final String SAMPLE_REFERRAL = "b3cdda68-69ae-4307-b051-9c4ec24c51ae";
    private static final String SAMPLE_SENT_PARTNER = "cc7cca8f-a006-477b-ac48-4f22db6f65e6";
    private static final String SAMPLE_SENT_REFERRAL = "5abf9720-3b6c-4cec-a511-6869c703f703";
    private static final ZoneId CLINIC_ZONE = ZoneId.of("America/Los_Angeles");
    private static final String SAMPLE_NPI = "1902847569";
    private static final String NOT_A_PHYSICIAN = "\"physician\":true";
    private static final String SAMPLE_INTRODUCED = SAMPLE_SENT_PARTNER;
    private static final String SAMPLE_PROFILE = "9b7e4c2a-51d3-3f08-a6e4-2c8d0b1f7e39";

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;
    @Inject
    RuleRunner rules;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> getProperties() {
        smtp.start();
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("outreach"));
        props.put("rapport.mail.host", "127.0.0.1");
        props.put("rapport.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        props.put("rapport.mail.from", "front-desk@clinic.example");
        props.put("rapport.mail.starttls", "false"); // GreenMail's plain SMTP port
        props.put("rapport.outreach.check-initial-delay", "1h"); // tests run the check themselves
        return props;
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    // ------------------------------------------------------------------ thank-you

    @Test
    void aReferralReceivedGetsOneThankYouOnThePartnersChannelDueInTwoBusinessDaysEvenWhenRedelivered() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        String partner = registerPartner(clinic, Map.of());
        String referral = UUID.randomUUID().toString();
        EventEnvelope received = referralReceived(clinic, partner, referral, "2025-03-03");
        KafkaProbe.send(Topics.REFERRALS, received); // redelivery: same ce_id
        // a replay under a new event id (e.g. a republished outbox row): the unique occasion holds
        EventEnvelope replay = GoldenSamples.event("ReferralReceived.v2", clinic,
                Map.of(SAMPLE_REFERRAL, referral, SAMPLE_PARTNER, partner));
        KafkaProbe.send(Topics.REFERRALS, replay);
        await().atMost(WAIT).until(() -> processed(replay.id()) && processed(received.id()));

        List<JsonNode> tasks = items(get(clinic, "/api/v1/tasks?practitionerId=" + partner));
        assertThat(tasks).hasSize(1);
        JsonNode thankYou = tasks.get(0);
        assertThat(thankYou.get("type").asText()).isEqualTo("THANK_YOU");
        assertThat(thankYou.get("status").asText()).isEqualTo("OPEN");
        assertThat(thankYou.get("channel").asText()).isEqualTo("HANDWRITTEN_NOTE");
        assertThat(thankYou.get("dueOn").asText()).isEqualTo("2025-03-05");
        assertThat(thankYou.get("referralId").asText()).isEqualTo(referral);
        assertThat(thankYou.get("rule").asText()).isEqualTo("ThankYou");

        String taskId = thankYou.get("id").asText();
        ConsumerRecord<String, byte[]> created = awaitActivity(taskId, "OutreachTaskCreated");
        String payload = new String(created.value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskCreated.v1", payload)).isEmpty();
        assertThat(JSON.readTree(payload).get("dueOn").asText()).isEqualTo("2025-03-05");
        assertThat(EventEnvelope.fromRecord(created).clinicId()).isEqualTo(clinic);
        assertThat(payload).doesNotContain("Elena").doesNotContain("1991-04-17");
        // The replay's insert found the occasion taken and announced nothing: one OutreachTaskCreated.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> KafkaProbe.records(Topics.OUTREACH_ACTIVITIES,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains(referral)
                        && EventEnvelope.header(r.headers(), "ce_type").equals("app.rapport.outreach.OutreachTaskCreated.v1"))
                .size() == 1);
    }

    @Test
    void aThankYouPlannedBeforeThePartnersSnapshotMovesToTheirPreferredChannelWhenItArrives() throws Exception {
        String clinic = TestClinics.unique("tacoma");
        String partner = UUID.randomUUID().toString();
        EventEnvelope received = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-07");
        await().atMost(WAIT).until(() -> processed(received.id()));
        JsonNode task = items(get(clinic, "/api/v1/tasks?practitionerId=" + partner)).get(0);
        assertThat(task.get("channel").asText()).isEqualTo("HANDWRITTEN_NOTE"); // the configured default
        assertThat(task.get("channelProvisional").asBoolean()).isTrue();
        assertThat(task.get("dueOn").asText()).isEqualTo("2025-03-11"); // Friday + 2 business days

        registerPartner(clinic, partner, Map.of("\"HANDWRITTEN_NOTE\"", "\"PHONE\""));
        await().atMost(WAIT).until(() -> "PHONE".equals(
                get(clinic, "/api/v1/tasks/" + task.get("id").asText()).get("channel").asText()));
        assertThat(get(clinic, "/api/v1/tasks/" + task.get("id").asText()).get("channelProvisional").asBoolean()).isFalse();
        String payload = new String(awaitActivity(task.get("id").asText(), "OutreachTaskRescheduled").value(),
                StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskRescheduled.v1", payload)).isEmpty();
        assertThat(JSON.readTree(payload).get("channel").asText()).isEqualTo("PHONE");
    }

    @Test
    void aClinicThatSwitchedTheThankYouRuleOffGetsNoThankYouTask() {
        String clinic = TestClinics.unique("olympia");
        String partner = registerPartner(clinic, Map.of());
        HttpResponse<String> off = http.toBlocking().exchange(HttpRequest.PUT("/api/v1/plugins/thank-you",
                Map.of("enabled", false)).header("Authorization", TestTokens.bearer(clinic, "staff")), String.class);
        assertThat(off.getStatus().getCode()).isEqualTo(200);

        EventEnvelope received = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(received.id()));
        assertThat(items(get(clinic, "/api/v1/tasks?practitionerId=" + partner))).isEmpty();

        // another clinic still has it
        String other = TestClinics.unique("everett");
        String otherPartner = registerPartner(other, Map.of());
        EventEnvelope theirs = referralReceived(other, otherPartner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(theirs.id()));
        assertThat(items(get(other, "/api/v1/tasks?type=THANK_YOU"))).hasSize(1);
    }

    // ------------------------------------------------------------------ tasks API

    @Test
    void staffCompleteSkipAndRescheduleTasksAndEachChangeIsPublished() throws Exception {
        String clinic = TestClinics.unique("bellevue");
        String partner = registerPartner(clinic, Map.of());
        List<String> ids = new ArrayList<>();
        for (String day : List.of("2025-03-03", "2025-03-04", "2025-03-05")) {
            EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        for (JsonNode t : items(get(clinic, "/api/v1/tasks?type=THANK_YOU"))) {
            ids.add(t.get("id").asText());
        }
        assertThat(ids).hasSize(3);
        assertThat(items(get(clinic, "/api/v1/tasks?overdue=true&type=THANK_YOU"))).hasSize(3); // all due in March 2025
        assertThat(items(get(clinic, "/api/v1/tasks?type=THANK_YOU&due=2025-03-06"))).hasSize(2);

        JsonNode done = post(clinic, "/api/v1/tasks/" + ids.get(0) + "/complete",
                Map.of("outcome", "Card signed by Dr. Reyes and mailed"));
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        JsonNode skipped = post(clinic, "/api/v1/tasks/" + ids.get(1) + "/skip",
                Map.of("reason", "Thanked her in person at grand rounds"));
        assertThat(skipped.get("status").asText()).isEqualTo("SKIPPED");
        String nextWeek = LocalDate.now(CLINIC_ZONE).plusDays(7).toString();
        JsonNode moved = post(clinic, "/api/v1/tasks/" + ids.get(2) + "/reschedule",
                Map.of("dueOn", nextWeek, "reason", "Dr. Reyes is away"));
        assertThat(moved.get("dueOn").asText()).isEqualTo(nextWeek);
        assertThat(moved.get("overdue").asBoolean()).isFalse();

        assertThat(items(get(clinic, "/api/v1/tasks?status=DONE"))).extracting(t -> t.get("id").asText())
                .containsExactly(ids.get(0));
        assertThat(items(get(clinic, "/api/v1/tasks?overdue=true&type=THANK_YOU"))).isEmpty();

        for (var expected : Map.of(ids.get(0), "OutreachTaskCompleted", ids.get(2), "OutreachTaskRescheduled").entrySet()) {
            String payload = new String(awaitActivity(expected.getKey(), expected.getValue()).value(), StandardCharsets.UTF_8);
            assertThat(GoldenSamples.shapeDifferences(expected.getValue() + ".v1", payload)).as(expected.getValue()).isEmpty();
        }
        String skippedPayload = new String(awaitActivity(ids.get(1), "OutreachTaskSkipped").value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskSkipped.v1", skippedPayload)).isEmpty();
        assertThat(JSON.readTree(skippedPayload).get("reason").asText()).isEqualTo("Thanked her in person at grand rounds");
        String completed = new String(awaitActivity(ids.get(0), "OutreachTaskCompleted").value(), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(completed).get("outcome").asText()).isEqualTo("Card signed by Dr. Reyes and mailed");

        // a final task does not move again, and bad input names the field
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + ids.get(0) + "/skip", Map.of("reason", "again"))).getStatus().getCode())
                .isEqualTo(409);
        HttpClientResponseException blank = problem(() -> post(clinic, "/api/v1/tasks/" + ids.get(2) + "/complete",
                Map.of("outcome", " ")));
        assertThat(blank.getStatus().getCode()).isBetween(400, 422);
        assertThat(blank.getResponse().getBody(String.class).orElse("")).contains("outcome");
        HttpClientResponseException badType = problem(() -> get(clinic, "/api/v1/tasks?type=FLOWERS"));
        assertThat(badType.getStatus().getCode()).isEqualTo(422);
        assertThat(badType.getResponse().getBody(String.class).orElse("")).contains("type");
        HttpClientResponseException past = problem(() -> post(clinic, "/api/v1/tasks/" + ids.get(2) + "/reschedule",
                Map.of("dueOn", "2020-01-01")));
        assertThat(past.getResponse().getBody(String.class).orElse("")).contains("dueOn");
        assertThat(get(clinic, "/api/v1/tasks/" + ids.get(2)).get("dueOn").asText()).isEqualTo(nextWeek);

        // another clinic sees none of it
        String stranger = TestClinics.unique("renton");
        assertThat(problem(() -> get(stranger, "/api/v1/tasks/" + ids.get(2))).getStatus().getCode()).isEqualTo(404);
        assertThat(problem(() -> post(stranger, "/api/v1/tasks/" + ids.get(2) + "/skip", Map.of("reason", "x")))
                .getStatus().getCode()).isEqualTo(404);
        assertThat(items(get(stranger, "/api/v1/tasks"))).isEmpty();
        assertThat(get(clinic, "/api/v1/tasks/" + ids.get(2)).get("status").asText()).isEqualTo("OPEN");
    }

    // ------------------------------------------------------------------ repeat referrer and the gift ledger

    /**
     * ops runs the platform, not the relationships: an ops token may not record a gift, invite,
     * deliver or complete a thank-you, nor read the tasks; a group administrator reads the ledger but
     * records nothing. Nothing the refused calls asked for happened.
     */
    @Test
    void onlyStaffAndCliniciansActOnTasksAndGiftsAndOpsSeesNone() throws Exception {
        String clinic = TestClinics.unique("issaquah");
        String partner = registerPartner(clinic, Map.of());
        EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(e.id()));
        String task = items(get(clinic, "/api/v1/tasks?type=THANK_YOU")).get(0).get("id").asText();
        Map<String, Object> gift = Map.of("practitionerId", partner, "kind", "FLOWERS", "value", money("40.00"));

        for (String role : List.of("ops", "group-admin")) {
            String bearer = TestTokens.bearer(clinic, role);
            assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/gifts", gift)
                    .header("Authorization", bearer))).getStatus().getCode()).as(role + " gift").isEqualTo(403);
            assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/tasks/" + task + "/deliver", Map.of())
                    .header("Authorization", bearer))).getStatus().getCode()).as(role + " deliver").isEqualTo(403);
            assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/tasks/" + task + "/complete",
                    Map.of("outcome", "Called")).header("Authorization", bearer))).getStatus().getCode())
                    .as(role + " complete").isEqualTo(403);
            assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.POST("/api/v1/invitations",
                    Map.of("practitionerId", partner, "offer", "Free evaluation", "channel", "EMAIL", "value", money("95.00")))
                    .header("Authorization", bearer))).getStatus().getCode()).as(role + " invite").isEqualTo(403);
        }
        assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.GET("/api/v1/tasks")
                .header("Authorization", TestTokens.bearer(clinic, "ops")))).getStatus().getCode()).isEqualTo(403);
        assertThat(http.toBlocking().exchange(HttpRequest.GET("/api/v1/gifts?practitionerId=" + partner)
                .header("Authorization", TestTokens.bearer(clinic, "group-admin")), String.class).getStatus().getCode())
                .isEqualTo(200);
        assertThat(items(get(clinic, "/api/v1/gifts?practitionerId=" + partner))).isEmpty();
        assertThat(items(get(clinic, "/api/v1/tasks?type=THANK_YOU"))).extracting(t -> t.get("status").asText())
                .containsExactly("OPEN");
    }

    @Test
    void aRepeatReferrerWhoIsNoPhysicianGetsAProposedGestureThatBecomesAGiftOnlyThroughTheLedger() throws Exception {
        // Mid-December 2026 in Seattle: the gifts below are dated in that year, none after today.
        clock.set(Instant.parse("2026-12-15T18:00:00Z"));
        String clinic = TestClinics.unique("spokane");
        String partner = registerPartner(clinic, Map.of(NOT_A_PHYSICIAN, "\"physician\":false")); // a midwife, say
        for (String day : List.of("2025-01-06", "2025-02-03")) {
            EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        assertThat(items(get(clinic, "/api/v1/tasks?type=GESTURE"))).isEmpty(); // two are not yet "repeat"
        for (String day : List.of("2025-03-03", "2025-03-10")) {
            EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        List<JsonNode> gestures = items(get(clinic, "/api/v1/tasks?type=GESTURE"));
        assertThat(gestures).hasSize(1); // one suggestion per window, not one per referral
        JsonNode gesture = gestures.get(0);
        assertThat(gesture.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(gesture.get("rule").asText()).isEqualTo("RepeatReferrer");
        assertThat(gesture.get("note").asText()).contains("535.00 USD of this year's gift allowance remain")
                .doesNotContain("referrals in");
        String taskId = gesture.get("id").asText();

        // nothing is given without approval
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + taskId + "/complete", Map.of("outcome", "sent flowers")))
                .getStatus().getCode()).isEqualTo(409);
        assertThat(allowance(clinic, partner, 2026).get("given").get("amount").asText()).isEqualTo("0.00");

        HttpClientResponseException giftCard = problem(() -> post(clinic, "/api/v1/tasks/" + taskId + "/approve",
                Map.of("kind", "GIFT_CARD", "value", money("25.00"), "givenOn", "2026-06-12")));
        assertThat(giftCard.getStatus().getCode()).isEqualTo(422);
        JsonNode cashProblem = JSON.readTree(giftCard.getResponse().getBody(String.class).orElseThrow());
        assertThat(cashProblem.get("extra").get("reason").asText()).isEqualTo("CASH_EQUIVALENT");
        assertThat(cashProblem.get("errors").get(0).get("field").asText()).isEqualTo("kind");

        HttpClientResponseException tooMuch = problem(() -> post(clinic, "/api/v1/tasks/" + taskId + "/approve",
                Map.of("kind", "MEAL", "value", money("600.00"), "givenOn", "2026-06-12")));
        assertThat(tooMuch.getStatus().getCode()).isEqualTo(422);
        assertThat(tooMuch.getResponse().getContentType().map(Object::toString).orElse("")).contains("problem+json");
        JsonNode capProblem = JSON.readTree(tooMuch.getResponse().getBody(String.class).orElseThrow());
        assertThat(capProblem.get("extra").get("reason").asText()).isEqualTo("OVER_ANNUAL_CAP");
        assertThat(capProblem.get("extra").get("remainingAllowance").asText()).isEqualTo("535.00"); // the clinic's policy
        assertThat(get(clinic, "/api/v1/tasks/" + taskId).get("status").asText()).isEqualTo("PROPOSED");

        JsonNode approved = post(clinic, "/api/v1/tasks/" + taskId + "/approve", Map.of("kind", "MEAL",
                "description", "Lunch for the Lakeview Women's Health front office", "value", money("86.40"),
                "givenOn", "2026-06-12"));
        assertThat(approved.get("task").get("status").asText()).isEqualTo("OPEN");
        String giftId = approved.get("gift").get("id").asText();
        JsonNode allowance = allowance(clinic, partner, 2026);
        assertThat(allowance.get("physician").asBoolean()).isFalse();
        assertThat(allowance.get("annualCap").get("amount").asText()).isEqualTo("535.00");
        assertThat(allowance.get("remaining").get("amount").asText()).isEqualTo("448.60");
        String payload = new String(awaitActivity(giftId, "GiftRecorded").value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("GiftRecorded.v1", payload)).isEmpty();
        JsonNode recorded = JSON.readTree(payload);
        assertThat(recorded.get("value").get("amount").asText()).isEqualTo("86.40");
        assertThat(recorded.get("taskId").asText()).isEqualTo(taskId);
        assertThat(recorded.get("year").asInt()).isEqualTo(2026);
        JsonNode nowOpen = JSON.readTree(new String(awaitActivity(taskId, "OutreachTaskRescheduled").value(),
                StandardCharsets.UTF_8));
        assertThat(nowOpen.get("status").asText()).isEqualTo("OPEN");
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskRescheduled.v1", nowOpen.toString())).isEmpty();

        // a later gift over what remains is refused with the remaining allowance, and nothing is written
        HttpClientResponseException over = problem(() -> post(clinic, "/api/v1/gifts", Map.of("practitionerId", partner,
                "kind", "GIFT_BASKET", "value", money("450.00"), "givenOn", "2026-12-01")));
        JsonNode overProblem = JSON.readTree(over.getResponse().getBody(String.class).orElseThrow());
        assertThat(overProblem.get("extra").get("remainingAllowance").asText()).isEqualTo("448.60");
        assertThat(overProblem.get("errors").get(0).get("field").asText()).isEqualTo("value.amount");
        // a gift dated after today is not recorded: the ledger holds what was given
        HttpClientResponseException ahead = problem(() -> post(clinic, "/api/v1/gifts", Map.of("practitionerId", partner,
                "kind", "FLOWERS", "value", money("20.00"), "givenOn", "2026-12-16")));
        assertThat(ahead.getStatus().getCode()).isEqualTo(422);
        JsonNode aheadProblem = JSON.readTree(ahead.getResponse().getBody(String.class).orElseThrow());
        assertThat(aheadProblem.get("errors").get(0).get("field").asText()).isEqualTo("givenOn");
        assertThat(allowance(clinic, partner, 2026).get("remaining").get("amount").asText()).isEqualTo("448.60");
        assertThat(allowance(clinic, partner, 2025).get("remaining").get("amount").asText()).isEqualTo("535.00");
        JsonNode flowers = post(clinic, "/api/v1/gifts", Map.of("practitionerId", partner, "kind", "FLOWERS",
                "value", money("48.60"), "givenOn", "2026-12-01"));
        assertThat(flowers.get("year").asInt()).isEqualTo(2026);
        assertThat(allowance(clinic, partner, 2026).get("remaining").get("amount").asText()).isEqualTo("400.00");
        assertThat(items(get(clinic, "/api/v1/gifts?practitionerId=" + partner + "&year=2026"))).hasSize(2);
        // the clinic's ledger for the year: every recipient's gifts, and the year's totals
        assertThat(items(get(clinic, "/api/v1/gifts?year=2026"))).extracting(g -> g.get("kind").asText())
                .containsExactly("MEAL", "FLOWERS");
        JsonNode totals = get(clinic, "/api/v1/gifts/totals?year=2026");
        assertThat(totals.get("gifts").asLong()).isEqualTo(2);
        assertThat(totals.get("recipients").asLong()).isEqualTo(1);
        assertThat(totals.get("total").get("amount").asText()).isEqualTo("135.00");
        assertThat(get(clinic, "/api/v1/gifts/totals?year=2025").get("total").get("amount").asText()).isEqualTo("0.00");

        // another clinic can neither see nor spend this partner's allowance
        String stranger = TestClinics.unique("yakima");
        assertThat(problem(() -> get(stranger, "/api/v1/gifts/allowance?practitionerId=" + partner + "&year=2026"))
                .getStatus().getCode()).isEqualTo(422);
        assertThat(items(get(stranger, "/api/v1/gifts?practitionerId=" + partner + "&year=2026"))).isEmpty();
        assertThat(items(get(stranger, "/api/v1/gifts?year=2026"))).isEmpty();
    }

    @Test
    void aPhysicianWhoRefersAgainAndAgainGetsAPersonalThankYouFromTheClinicianNeverAGesture() throws Exception {
        String clinic = TestClinics.unique("wenatchee");
        clinicProfile(clinic, Map.of());
        String physician = registerPartner(clinic, Map.of()); // Dr. Okafor prefers handwritten notes
        for (String day : List.of("2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24")) {
            EventEnvelope e = referralReceived(clinic, physician, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        assertThat(items(get(clinic, "/api/v1/tasks?type=GESTURE"))).isEmpty();
        List<JsonNode> thanks = items(get(clinic, "/api/v1/tasks?type=PERSONAL_THANKS"));
        assertThat(thanks).hasSize(1); // one per window, not one per referral
        JsonNode task = thanks.get(0);
        assertThat(task.get("status").asText()).isEqualTo("OPEN");
        assertThat(task.get("channel").asText()).isEqualTo("LETTER"); // a personal letter for a note-writer
        assertThat(task.get("rule").asText()).isEqualTo("RepeatReferrer");
        assertThat(task.get("note").asText()).contains("never a gift").doesNotContainPattern("[0-9]");
        String payload = new String(awaitActivity(task.get("id").asText(), "OutreachTaskCreated").value(),
                StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskCreated.v1", payload)).isEmpty();
        assertThat(JSON.readTree(payload).get("type").asText()).isEqualTo("PERSONAL_THANKS");

        // the letter: the clinic's letterhead, dated today in the clinic's zone, its personal wording, signed by
        // the treating clinician (late evening in Seattle is already tomorrow in UTC)
        clock.set(Instant.parse("2025-03-27T05:30:00Z"));
        String today = "March 26, 2025";
        try (var document = Loader.loadPDF(cardPdf(clinic, task.get("id").asText()))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains(today);
            assertThat(text).contains("Harbor Integrative Health — Downtown").contains("1201 Third Avenue")
                    .contains("Seattle, WA 98101").contains("+12065550100");
            assertThat(text).contains("Dear Dr. Okafor").contains("thank you personally").contains("Jordan Reyes, DC");
            assertThat(text).doesNotContain("Elena").doesNotContain("Marsh");
        }
    }

    @Test
    void noRuleNotEvenAThirdPartyOneGetsAGestureProposedToAPhysician() {
        String clinic = TestClinics.unique(GiftForEveryReferralRule.CLINIC_PREFIX + "tacoma");
        String physician = registerPartner(clinic, Map.of());
        String midwife = registerPartner(clinic, Map.of(NOT_A_PHYSICIAN, "\"physician\":false"));
        String unknown = UUID.randomUUID().toString(); // their snapshot has not arrived: treated as a physician
        List<EventEnvelope> events = List.of(
                referralReceived(clinic, physician, UUID.randomUUID().toString(), "2025-03-03"),
                referralReceived(clinic, midwife, UUID.randomUUID().toString(), "2025-03-03"),
                referralReceived(clinic, unknown, UUID.randomUUID().toString(), "2025-03-03"));
        await().atMost(WAIT).until(() -> processed(events.get(0).id()) && processed(events.get(1).id())
                && processed(events.get(2).id()));
        assertThat(items(get(clinic, "/api/v1/tasks?type=GESTURE"))).extracting(t -> t.get("practitionerId").asText())
                .containsExactly(midwife);
        assertThat(items(get(clinic, "/api/v1/tasks?type=THANK_YOU"))).hasSize(3); // the rest of the work goes on
    }

    @Test
    void theYearlyCapCountsOnePhysicianAcrossTheGroupsClinicsMatchedByNpiElseByPractitionerId() throws Exception {
        clock.set(Instant.parse("2026-12-15T18:00:00Z"));
        String npi = uniqueNpi();
        String north = TestClinics.unique("bothell");
        String south = TestClinics.unique("federal-way");
        String inNorth = registerPartner(north, Map.of(SAMPLE_NPI, npi));
        String inSouth = registerPartner(south, Map.of(SAMPLE_NPI, npi)); // the same Dr. Okafor, another directory entry
        String someoneElse = registerPartner(south, Map.of());

        post(north, "/api/v1/gifts", Map.of("practitionerId", inNorth, "kind", "MEAL", "value", money("300.00"),
                "givenOn", "2026-06-12"));
        JsonNode southView = allowance(south, inSouth, 2026);
        assertThat(southView.get("given").get("amount").asText()).isEqualTo("300.00");
        assertThat(southView.get("remaining").get("amount").asText()).isEqualTo("235.00");
        HttpClientResponseException over = problem(() -> post(south, "/api/v1/gifts", Map.of("practitionerId", inSouth,
                "kind", "GIFT_BASKET", "value", money("250.00"), "givenOn", "2026-12-01")));
        JsonNode overProblem = JSON.readTree(over.getResponse().getBody(String.class).orElseThrow());
        assertThat(overProblem.get("extra").get("reason").asText()).isEqualTo("OVER_ANNUAL_CAP");
        assertThat(overProblem.get("extra").get("remainingAllowance").asText()).isEqualTo("235.00");
        post(south, "/api/v1/gifts", Map.of("practitionerId", inSouth, "kind", "GIFT_BASKET", "value", money("235.00"),
                "givenOn", "2026-12-01"));
        assertThat(allowance(north, inNorth, 2026).get("remaining").get("amount").asText()).isEqualTo("0.00");
        assertThat(allowance(south, someoneElse, 2026).get("remaining").get("amount").asText()).isEqualTo("535.00");
        // each clinic still lists only its own gifts
        assertThat(items(get(south, "/api/v1/gifts?year=2026"))).extracting(g -> g.get("practitionerId").asText())
                .containsExactly(inSouth);
        assertThat(get(north, "/api/v1/gifts/totals?year=2026").get("total").get("amount").asText()).isEqualTo("300.00");

        // no NPI on file: the practitioner id is what the clinics share
        String noNpi = UUID.randomUUID().toString();
        registerPartner(north, noNpi, Map.of("\"npi\":\"" + SAMPLE_NPI + "\"", "\"npi\":null"));
        registerPartner(south, noNpi, Map.of("\"npi\":\"" + SAMPLE_NPI + "\"", "\"npi\":null"));
        post(north, "/api/v1/gifts", Map.of("practitionerId", noNpi, "kind", "BOOK", "value", money("500.00"),
                "givenOn", "2026-12-01"));
        assertThat(allowance(south, noNpi, 2026).get("remaining").get("amount").asText()).isEqualTo("35.00");
    }

    @Test
    void aGiftDatedInAnotherYearNeedsAReasonThatTravelsWithItAndCountsAgainstThatYearsCap() throws Exception {
        clock.set(Instant.parse("2026-01-06T18:00:00Z"));
        String clinic = TestClinics.unique("puyallup");
        String partner = registerPartner(clinic, Map.of());
        HttpClientResponseException noReason = problem(() -> post(clinic, "/api/v1/gifts", Map.of("practitionerId",
                partner, "kind", "FLOWERS", "value", money("40.00"), "givenOn", "2025-12-22")));
        assertThat(noReason.getStatus().getCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(noReason.getResponse().getBody(String.class).orElseThrow());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("reason");
        assertThat(items(get(clinic, "/api/v1/gifts?year=2025"))).isEmpty();

        JsonNode late = post(clinic, "/api/v1/gifts", Map.of("practitionerId", partner, "kind", "FLOWERS",
                "value", money("40.00"), "givenOn", "2025-12-22", "reason", "Receipt found after the holidays"));
        assertThat(late.get("year").asInt()).isEqualTo(2025);
        assertThat(late.get("reason").asText()).isEqualTo("Receipt found after the holidays");
        JsonNode recorded = JSON.readTree(new String(awaitActivity(late.get("id").asText(), "GiftRecorded").value(),
                StandardCharsets.UTF_8));
        assertThat(recorded.get("reason").asText()).isEqualTo("Receipt found after the holidays");
        assertThat(allowance(clinic, partner, 2025).get("remaining").get("amount").asText()).isEqualTo("479.00"); // 519 − 40
        // this year's gifts need no reason
        JsonNode current = post(clinic, "/api/v1/gifts", Map.of("practitionerId", partner, "kind", "BOOK",
                "value", money("20.00"), "givenOn", "2026-01-05"));
        assertThat(current.has("reason")).isFalse();
    }

    // ------------------------------------------------------------------ the clinic's profile

    @Test
    void theClinicsOwnTimeZoneFromItsProfileDecidesTodayAndAnOlderProfileChangesNothing() throws Exception {
        // Noon on New Year's Eve in UTC is already New Year's Day on Kiritimati (UTC+14), still the 31st in Seattle.
        clock.set(Instant.parse("2026-12-31T12:00:00Z"));
        String clinic = TestClinics.unique("line-islands");
        String partner = registerPartner(clinic, Map.of());
        Map<String, Object> newYearsDay = Map.of("practitionerId", partner, "kind", "BOOK", "value", money("10.00"),
                "givenOn", "2027-01-01");
        assertThat(problem(() -> post(clinic, "/api/v1/gifts", newYearsDay)).getStatus().getCode()).isEqualTo(422);

        clinicProfile(clinic, Map.of("\"America/Los_Angeles\"", "\"Pacific/Kiritimati\""));
        assertThat(post(clinic, "/api/v1/gifts", newYearsDay).get("year").asInt()).isEqualTo(2027);
        assertThat(get(clinic, "/api/v1/gifts/totals").get("year").asInt()).isEqualTo(2027);

        // version 2 arriving after version 3 (a replay) leaves the newer profile in place
        clinicProfile(clinic, Map.of("\"version\":3", "\"version\":2", "Harbor Integrative Health", "Old Harbor Name"));
        assertThat(get(clinic, "/api/v1/gifts/totals").get("year").asInt()).isEqualTo(2027);
        assertThat(get(clinic, "/api/v1/templates/THANK_YOU/preview").get("subject").asText())
                .isEqualTo("Thank you for your referral to Harbor Integrative Health");
        // a profile naming no real zone can never be applied: it is parked on the dead-letter topic, the zone stays
        EventEnvelope noZone = GoldenSamples.event("ClinicProfileUpdated.v1", clinic, Map.of(SAMPLE_PROFILE,
                UUID.nameUUIDFromBytes(clinic.getBytes(StandardCharsets.UTF_8)).toString(),
                "America/Los_Angeles", "Mars/Olympus_Mons", "\"version\":3", "\"version\":9"));
        KafkaProbe.send(Topics.PRACTITIONERS, noZone);
        await().atMost(WAIT).until(() -> !KafkaProbe.records(Topics.deadLetter(Topics.PRACTITIONERS), r ->
                noZone.id().equals(EventEnvelope.header(r.headers(), CloudEventHeaders.ID))
                        && "outreach-service.directory".equals(EventEnvelope.header(r.headers(), DeadLetters.CONSUMER)))
                .isEmpty());
        assertThat(get(clinic, "/api/v1/gifts/totals").get("year").asInt()).isEqualTo(2027);
        // another clinic keeps the configured zone and its own (missing) name
        String other = TestClinics.unique("seattle");
        assertThat(get(other, "/api/v1/gifts/totals").get("year").asInt()).isEqualTo(2026);
        assertThat(get(other, "/api/v1/templates/THANK_YOU/preview").get("subject").asText())
                .isEqualTo("Thank you for your referral to the clinic");
    }

    // ------------------------------------------------------------------ reverse referral and dormant

    @Test
    void afterTwoReferralsSentTheClinicProposesOneIntroductionMeeting() {
        String clinic = TestClinics.unique("kent");
        String partner = UUID.randomUUID().toString();
        EventEnvelope first = referralSent(clinic, partner, "2025-03-21");
        await().atMost(WAIT).until(() -> processed(first.id()));
        assertThat(items(get(clinic, "/api/v1/tasks?type=INTRO_MEETING"))).isEmpty();
        EventEnvelope second = referralSent(clinic, partner, "2025-03-28");
        EventEnvelope third = referralSent(clinic, partner, "2025-04-04");
        await().atMost(WAIT).until(() -> processed(second.id()) && processed(third.id()));
        List<JsonNode> meetings = items(get(clinic, "/api/v1/tasks?type=INTRO_MEETING"));
        assertThat(meetings).hasSize(1);
        assertThat(meetings.get(0).get("practitionerId").asText()).isEqualTo(partner);
        assertThat(meetings.get(0).get("rule").asText()).isEqualTo("ReverseReferral");
        assertThat(meetings.get(0).get("channel").asText()).isEqualTo("IN_PERSON");
    }

    @Test
    void aPartnerSilentMuchLongerThanTheirOwnUsualGapGetsOneCheckInAndAnOccasionalReferrerDoesNot() throws Exception {
        String clinic = TestClinics.unique("tukwila");
        String weekly = registerPartner(clinic, Map.of("\"HANDWRITTEN_NOTE\"", "\"PHONE\"")); // refers every ~10 days
        String occasional = registerPartner(clinic, Map.of());                                // every ~60 days
        for (String day : List.of("2025-01-01", "2025-01-11", "2025-01-21")) {
            EventEnvelope e = referralReceived(clinic, weekly, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        for (String day : List.of("2024-10-26", "2024-12-25", "2025-02-23")) {
            EventEnvelope e = referralReceived(clinic, occasional, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        // 25 days after the last: over 2 × 10 but under the 30-day floor
        rules.check(clinic, at("2025-02-15"));
        assertThat(items(get(clinic, "/api/v1/tasks?type=CHECK_IN"))).isEmpty();
        // 45 days after the weekly partner's last (4.5 × their gap); 35 after the occasional one's (< 2 × 60)
        rules.check(clinic, at("2025-03-07"));
        rules.check(clinic, at("2025-03-08"));
        List<JsonNode> checkIns = items(get(clinic, "/api/v1/tasks?type=CHECK_IN"));
        assertThat(checkIns).extracting(t -> t.get("practitionerId").asText()).containsExactly(weekly);
        assertThat(checkIns.get(0).get("rule").asText()).isEqualTo("Dormant");
        assertThat(checkIns.get(0).get("channel").asText()).isEqualTo("PHONE");

        // a phone task comes with its call script
        String taskId = checkIns.get(0).get("id").asText();
        JsonNode call = post(clinic, "/api/v1/tasks/" + taskId + "/deliver", Map.of());
        assertThat(call.get("script").asText()).contains("Dr. Maya Okafor").contains("check in");
        assertThat(call.get("summary").asText()).contains("+12065550143");
        assertThat(call.get("task").get("status").asText()).isEqualTo("OPEN"); // a person still has to call
        post(clinic, "/api/v1/tasks/" + taskId + "/skip", Map.of("reason", "Spoke with Dr. Okafor at grand rounds"));
        String skipped = new String(awaitActivity(taskId, "OutreachTaskSkipped").value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("OutreachTaskSkipped.v1", skipped)).isEmpty();
    }

    // ------------------------------------------------------------------ weekly goal

    @Test
    void theWeeklyGoalAsksForTheNextProspectAndCountsTheStreakOfWeeksMet() {
        String clinic = TestClinics.unique("auburn");
        // Prospects are reached longest-known first; registrations within one second (the embedded
        // MariaDB keeps whole seconds) fall back to the id, so the first id is the smaller one.
        List<String> ids = new java.util.ArrayList<>(List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString()));
        java.util.Collections.sort(ids);
        String first = registerPartner(clinic, ids.get(0), Map.of());
        String second = registerPartner(clinic, ids.get(1), Map.of());
        String referring = registerPartner(clinic, Map.of("\"PROSPECT\"", "\"REFERRING\""));
        // A Wednesday, so that a week back is last week whatever day the test runs (no Monday, no clock change).
        Instant now = Instant.parse("2025-06-11T19:00:00Z");

        clock.set(now.minus(Duration.ofDays(7)));
        rules.check(clinic, clock.instant());
        rules.check(clinic, clock.instant());
        List<JsonNode> lastWeek = items(get(clinic, "/api/v1/tasks?type=NEW_CONTACT"));
        assertThat(lastWeek).extracting(t -> t.get("practitionerId").asText()).containsExactly(first);
        post(clinic, "/api/v1/tasks/" + lastWeek.get(0).get("id").asText() + "/complete",
                Map.of("outcome", "Called her office; sent our referral packet"));

        clock.set(now);
        JsonNode before = get(clinic, "/api/v1/goals/weekly");
        assertThat(before.get("target").asInt()).isEqualTo(1);
        assertThat(before.get("done").asInt()).isZero();
        assertThat(before.get("met").asBoolean()).isFalse();
        assertThat(before.get("streak").asInt()).isEqualTo(1); // last week counts while this one is under way

        rules.check(clinic, now);
        List<JsonNode> open = items(get(clinic, "/api/v1/tasks?type=NEW_CONTACT&status=OPEN"));
        assertThat(open).extracting(t -> t.get("practitionerId").asText()).containsExactly(second);
        assertThat(open).noneMatch(t -> t.get("practitionerId").asText().equals(referring));
        post(clinic, "/api/v1/tasks/" + open.get(0).get("id").asText() + "/complete", Map.of("outcome", "Met at the clinic"));

        JsonNode after = get(clinic, "/api/v1/goals/weekly");
        assertThat(after.get("done").asInt()).isEqualTo(1);
        assertThat(after.get("met").asBoolean()).isTrue();
        assertThat(after.get("streak").asInt()).isEqualTo(2);

        JsonNode raised = put(clinic, "/api/v1/goals/weekly", Map.of("target", 2));
        assertThat(raised.get("met").asBoolean()).isFalse();
        assertThat(problem(() -> put(clinic, "/api/v1/goals/weekly", Map.of("target", -1))).getResponse()
                .getBody(String.class).orElse("")).contains("target");
    }

    @Test
    void theWeeklyGoalProposesProspectsAPartnerIntroducedFirstThenThoseServingTheClinicsFocusNiches() {
        String clinic = TestClinics.unique("gig-harbor");
        clinicProfile(clinic, Map.of()); // focus niches: Prenatal care, Sports injuries
        String introducer = registerPartner(clinic, Map.of("\"PROSPECT\"", "\"REFERRING\""));
        String longestKnown = registerPartner(clinic, Map.of());
        String sports = registerPartner(clinic, Map.of("Lakeview Women's Health", "Harborview Sports Medicine"));
        String introduced = registerPartner(clinic, Map.of("Lakeview Women's Health", "Home Birth Collective"));
        EventEnvelope intro = GoldenSamples.event("IntroductionRecorded.v1", clinic, Map.of(SAMPLE_INTRODUCED, introduced,
                SAMPLE_PARTNER, introducer, "148cbec8-3c33-45c1-8ec2-bd906591e4c0", UUID.randomUUID().toString()));
        KafkaProbe.send(Topics.PRACTITIONERS, intro);
        await().atMost(WAIT).until(() -> processed(intro.id()));

        Instant now = Instant.now();
        List<String> proposed = new ArrayList<>();
        for (int target = 1; target <= 3; target++) {
            put(clinic, "/api/v1/goals/weekly", Map.of("target", target));
            rules.check(clinic, now);
            for (JsonNode t : items(get(clinic, "/api/v1/tasks?type=NEW_CONTACT"))) {
                if (!proposed.contains(t.get("practitionerId").asText())) {
                    proposed.add(t.get("practitionerId").asText());
                    assertThat(t.get("note").asText()).as("why this one")
                            .contains(proposed.size() == 1 ? "introduced by Dr. Maya Okafor"
                                    : proposed.size() == 2 ? "serves our focus on Sports injuries" : "Introduce the clinic");
                }
            }
        }
        assertThat(proposed).containsExactly(introduced, sports, longestKnown);
    }

    // ------------------------------------------------------------------ channels

    @Test
    void anEmailThankYouIsReallySentWithTheClinicsTemplateAndCompletesTheTask() throws Exception {
        String clinic = TestClinics.unique("redmond");
        clinicProfile(clinic, Map.of());
        String partner = registerPartner(clinic, Map.of("\"HANDWRITTEN_NOTE\"", "\"EMAIL\"",
                "m.okafor@lakeviewwomenshealth.example.com", "okafor-" + clinic + "@lakeview.example.com"));
        assertThat(get(clinic, "/api/v1/templates/THANK_YOU").get("custom").asBoolean()).isFalse();
        put(clinic, "/api/v1/templates/THANK_YOU", Map.of("subject", "Thank you, {{partnerName}}",
                "body", "Dear {{partnerName}},\n\nThank you for thinking of Redmond Chiropractic.\n\nJordan"));
        EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(e.id()));
        String taskId = items(get(clinic, "/api/v1/tasks?type=THANK_YOU")).get(0).get("id").asText();

        JsonNode delivered = post(clinic, "/api/v1/tasks/" + taskId + "/deliver", Map.of());
        assertThat(delivered.get("task").get("status").asText()).isEqualTo("DONE");

        MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals("okafor-" + clinic + "@lakeview.example.com")).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("Thank you, Dr. Okafor");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("front-desk@clinic.example");
        String body = (String) mail.getContent(); // decoded, as the partner reads it
        assertThat(body).contains("Redmond Chiropractic");
        // the clinic's wording left the signature out: it is signed all the same, above the letterhead
        assertThat(body).contains("Jordan Reyes, DC").contains("Harbor Integrative Health — Downtown")
                .contains("1201 Third Avenue").contains("+12065550100");
        assertThat(body.indexOf("Jordan Reyes, DC")).isLessThan(body.indexOf("1201 Third Avenue"));
        String completed = new String(awaitActivity(taskId, "OutreachTaskCompleted").value(), StandardCharsets.UTF_8);
        assertThat(JSON.readTree(completed).get("channel").asText()).isEqualTo("EMAIL");
        // sent once: a second click does not send it again
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + taskId + "/deliver", Map.of())).getStatus().getCode())
                .isEqualTo(409);
    }

    // ------------------------------------------------------------------ races (issue 15)

    /**
     * The partner's snapshot reaches outreach while staff complete the thank-you it planned on the
     * default channel: the handler read the task while it was open, staff's completion commits, then
     * the handler writes. The task stays completed with staff's outcome; the snapshot still lands.
     */
    @Test
    void aPartnerSnapshotAppliedWhileStaffCompleteTheThankYouLeavesItCompleted() throws Exception {
        String clinic = TestClinics.unique("kirkland");
        String partner = UUID.randomUUID().toString();
        EventEnvelope received = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-07");
        await().atMost(WAIT).until(() -> processed(received.id()));
        String taskId = items(get(clinic, "/api/v1/tasks?practitionerId=" + partner)).get(0).get("id").asText();

        EventEnvelope snapshot;
        // This transaction stands in for staff completing the thank-you: it holds the task's row while
        // the snapshot's handler reads the open task and reaches its write, then commits the completion.
        try (RowLock staff = RowLock.on(dataSourceResolver.resolve(dataSource),
                "SELECT id FROM outreach_task WHERE id = ? FOR UPDATE", taskId)) {
            snapshot = registerPartnerAsync(clinic, partner, Map.of("\"HANDWRITTEN_NOTE\"", "\"PHONE\""));
            staff.awaitWaiters(1);
            staff.execute("UPDATE outreach_task SET status = 'DONE', outcome = 'Card mailed', channel_provisional = FALSE, "
                    + "completed_at = NOW(), version = version + 1 WHERE id = ?", taskId);
        }
        await().atMost(WAIT).until(() -> processed(snapshot.id()));

        JsonNode task = get(clinic, "/api/v1/tasks/" + taskId);
        assertThat(task.get("status").asText()).isEqualTo("DONE");
        assertThat(task.get("outcome").asText()).isEqualTo("Card mailed");
        assertThat(task.get("channel").asText()).isEqualTo("HANDWRITTEN_NOTE"); // the channel it was done on
        // the snapshot's own fields landed in the directory copy
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT preferred_channel FROM partner WHERE clinic_id = ? AND id = ?")) {
            s.setString(1, clinic);
            s.setString(2, partner);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("PHONE");
            }
        }
    }

    /**
     * Two clicks on Deliver of an e-mail thank-you, both read the open task before either sent:
     * one e-mail leaves, the other click gets 409 or 412 and the task is done once.
     */
    @Test
    void twoClicksOnDeliverSendOneEmail() throws Exception {
        String clinic = TestClinics.unique("bothell");
        clinicProfile(clinic, Map.of());
        String recipient = "okafor-" + clinic + "@lakeview.example.com";
        String partner = registerPartner(clinic, Map.of("\"HANDWRITTEN_NOTE\"", "\"EMAIL\"",
                "m.okafor@lakeviewwomenshealth.example.com", recipient));
        EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(e.id()));
        String taskId = items(get(clinic, "/api/v1/tasks?type=THANK_YOU")).get(0).get("id").asText();
        HttpResponse<String> read = http.toBlocking().exchange(HttpRequest.GET("/api/v1/tasks/" + taskId)
                .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class);
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"" + JSON.readTree(read.body()).get("version").asLong() + "\"");

        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> clicks = new ArrayList<>();
        // Both clicks are held at the task's row until both are in flight, so neither finishes first.
        try (RowLock lock = RowLock.on(dataSourceResolver.resolve(dataSource),
                "SELECT id FROM outreach_task WHERE id = ? FOR UPDATE", taskId)) {
            for (int i = 0; i < 2; i++) {
                Thread click = new Thread(() -> statuses.add(status(HttpRequest.POST("/api/v1/tasks/" + taskId + "/deliver",
                        Map.of()).header("If-Match", etag), clinic)));
                click.start();
                clicks.add(click);
            }
            lock.awaitWaiters(2);
        }
        for (Thread click : clicks) {
            click.join(WAIT.toMillis());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, statuses.contains(409) ? 409 : 412);
        assertThat(java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> recipient(m).equals(recipient)))
                .hasSize(1);
        assertThat(get(clinic, "/api/v1/tasks/" + taskId).get("status").asText()).isEqualTo("DONE");
        assertThat(KafkaProbe.records(Topics.OUTREACH_ACTIVITIES, r -> taskId.equals(r.key())
                && EventEnvelope.header(r.headers(), "ce_type").equals("app.rapport.outreach.OutreachTaskCompleted.v1")))
                .hasSize(1);
    }

    /** Staff act on the version they saw: a stale If-Match is a 412 naming the current version, and changes nothing. */
    @Test
    void actingOnATaskSomeoneElseChangedIsA412WithTheCurrentVersion() throws Exception {
        String clinic = TestClinics.unique("lynnwood");
        String partner = registerPartner(clinic, Map.of());
        String taskId = thankYouTask(clinic, partner);
        long seen = get(clinic, "/api/v1/tasks/" + taskId).get("version").asLong();
        String nextWeek = LocalDate.now(CLINIC_ZONE).plusDays(7).toString();
        HttpResponse<String> moved = http.toBlocking().exchange(HttpRequest.POST("/api/v1/tasks/" + taskId + "/reschedule",
                Map.of("dueOn", nextWeek)).header("If-Match", "\"" + seen + "\"")
                .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class);
        assertThat(moved.header("ETag")).isEqualTo("\"" + (seen + 1) + "\"");

        HttpClientResponseException stale = problem(() -> http.toBlocking().exchange(
                HttpRequest.POST("/api/v1/tasks/" + taskId + "/complete", Map.of("outcome", "Called her"))
                        .header("If-Match", "\"" + seen + "\"").header("Authorization", TestTokens.bearer(clinic, "staff")),
                String.class));
        assertThat(stale.getStatus().getCode()).isEqualTo(412);
        assertThat(stale.getResponse().header("ETag")).isEqualTo("\"" + (seen + 1) + "\"");
        assertThat(JSON.readTree(stale.getResponse().getBody(String.class).orElseThrow()).get("extra").get("currentVersion").asLong())
                .isEqualTo(seen + 1);
        assertThat(get(clinic, "/api/v1/tasks/" + taskId).get("status").asText()).isEqualTo("OPEN");

        // the clinic's wording and weekly target are versioned the same way
        put(clinic, "/api/v1/templates/THANK_YOU", Map.of("subject", "Thanks", "body", "Thank you, {{partnerName}}"));
        long wording = get(clinic, "/api/v1/templates/THANK_YOU").get("version").asLong();
        put(clinic, "/api/v1/templates/THANK_YOU", Map.of("subject", "Thanks again", "body", "Thank you, {{partnerName}}"));
        assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/v1/templates/THANK_YOU",
                        Map.of("subject", "Mine", "body", "Mine")).header("If-Match", "\"" + wording + "\"")
                .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class)).getStatus().getCode())
                .isEqualTo(412);
        assertThat(get(clinic, "/api/v1/templates/THANK_YOU").get("subject").asText()).isEqualTo("Thanks again");
        assertThat(problem(() -> http.toBlocking().exchange(HttpRequest.PUT("/api/v1/goals/weekly", Map.of("target", 3))
                .header("If-Match", "\"7\"").header("Authorization", TestTokens.bearer(clinic, "staff")), String.class))
                .getStatus().getCode()).isEqualTo(412);
    }

    @Test
    void theWordingPreviewReadsAsTheSentMessageAndACheckInIsSentWithTheClinicsCheckInWording() throws Exception {
        String clinic = TestClinics.unique("renton");
        // a draft is previewed without being saved
        JsonNode draft = post(clinic, "/api/v1/templates/INVITATION/preview", Map.of("subject", "Come and see us, {{partnerName}}",
                "body", "Dear {{partnerFullName}},\n\nWe would like to offer you {{offer}}."));
        assertThat(draft.get("subject").asText()).isEqualTo("Come and see us, Dr. Okafor");
        assertThat(draft.get("body").asText()).contains("Dear Dr. Maya Okafor,").contains("a complimentary evaluation")
                .doesNotContain("{{");
        assertThat(draft.get("recipient").asText()).isEqualTo("Dr. Maya Okafor");
        assertThat(get(clinic, "/api/v1/templates/INVITATION").get("custom").asBoolean()).isFalse();
        assertThat(problem(() -> post(clinic, "/api/v1/templates/THANK_YOU/preview", Map.of("subject", " ", "body", "x")))
                .getResponse().getBody(String.class).orElse("")).contains("subject");

        // check-ins have wording of their own, previewed and sent alike
        assertThat(get(clinic, "/api/v1/templates/CHECK_IN/preview").get("body").asText()).contains("Dear Dr. Okafor,");
        put(clinic, "/api/v1/templates/CHECK_IN", Map.of("subject", "How are things, {{partnerName}}?",
                "body", "Dear {{partnerName}},\n\nWe miss working with you at Renton Acupuncture."));
        assertThat(get(clinic, "/api/v1/templates/CHECK_IN/preview").get("subject").asText()).isEqualTo("How are things, Dr. Okafor?");
        String partner = registerPartner(clinic, Map.of("\"HANDWRITTEN_NOTE\"", "\"EMAIL\"",
                "m.okafor@lakeviewwomenshealth.example.com", "quiet-" + clinic + "@lakeview.example.com"));
        for (String day : List.of("2025-01-01", "2025-01-11", "2025-01-21")) {
            EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), day);
            await().atMost(WAIT).until(() -> processed(e.id()));
        }
        rules.check(clinic, at("2025-03-07"));
        String taskId = items(get(clinic, "/api/v1/tasks?type=CHECK_IN")).get(0).get("id").asText();
        post(clinic, "/api/v1/tasks/" + taskId + "/deliver", Map.of());
        MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals("quiet-" + clinic + "@lakeview.example.com")).findFirst().orElseThrow();
        assertThat(mail.getSubject()).isEqualTo("How are things, Dr. Okafor?");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("Renton Acupuncture");
    }

    @Test
    void aHandwrittenNoteComesAsAPrintableCardOnTheClinicsLetterheadSignedByTheTreatingClinician() throws Exception {
        String clinic = TestClinics.unique("kirkland");
        clinicProfile(clinic, Map.of());
        String partner = registerPartner(clinic, Map.of());
        EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(e.id()));
        String taskId = items(get(clinic, "/api/v1/tasks?type=THANK_YOU")).get(0).get("id").asText();

        try (var document = Loader.loadPDF(cardPdf(clinic, taskId))) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Harbor Integrative Health — Downtown").contains("1201 Third Avenue")
                    .contains("Phone +12065550100");
            assertThat(text).contains("Dear Dr. Okafor").contains("Thank you for trusting us")
                    .contains("Jordan Reyes, DC\nHarbor Integrative Health");
            assertThat(text).contains("Lakeview Women's Health").contains("1420 Eastlake Ave E").contains("Seattle, WA 98102");
            assertThat(text).doesNotContain("Elena").doesNotContain("Marsh");
        }
        assertThat(problem(() -> get(TestClinics.unique("lynnwood"), "/api/v1/tasks/" + taskId + "/card.pdf"))
                .getStatus().getCode()).isEqualTo(404);

        // a call speaks for the clinic by its name too
        rules.check(clinic, Instant.now());
        String newContact = items(get(clinic, "/api/v1/tasks?type=NEW_CONTACT")).get(0).get("id").asText();
        JsonNode call = post(clinic, "/api/v1/tasks/" + newContact + "/deliver", Map.of());
        assertThat(call.get("script").asText()).contains("calling from Harbor Integrative Health");
    }

    @Test
    void staffInviteAProspectWithAGiftCertificateThatCountsAgainstTheLedgerAndTrackTheOutcome() throws Exception {
        clock.set(Instant.parse("2025-06-11T19:00:00Z")); // the ledger's year and today, whatever day the test runs
        String clinic = TestClinics.unique("issaquah");
        String prospect = registerPartner(clinic, Map.of("m.okafor@lakeviewwomenshealth.example.com",
                "invite-" + clinic + "@lakeview.example.com"));
        JsonNode issued = post(clinic, "/api/v1/invitations", Map.of("practitionerId", prospect,
                "offer", "GIFT_CERTIFICATE", "channel", "EMAIL", "value", money("75.00")));
        JsonNode task = issued.get("task");
        assertThat(task.get("type").asText()).isEqualTo("INVITATION");
        assertThat(task.get("rule").asText()).isEqualTo("EducateByExample");
        assertThat(issued.get("gift").get("kind").asText()).isEqualTo("SERVICE_CERTIFICATE");
        int year = 2025;
        assertThat(allowance(clinic, prospect, year).get("given").get("amount").asText()).isEqualTo("75.00");

        String taskId = task.get("id").asText();
        JsonNode sent = post(clinic, "/api/v1/tasks/" + taskId + "/deliver", Map.of());
        assertThat(sent.get("task").get("status").asText()).isEqualTo("OPEN"); // waiting for the answer
        MimeMessage mail = java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> recipient(m).equals("invite-" + clinic + "@lakeview.example.com")).findFirst().orElseThrow();
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("gift certificate");
        JsonNode outcome = post(clinic, "/api/v1/tasks/" + taskId + "/complete",
                Map.of("outcome", "Accepted: visiting on the 14th for a demonstration"));
        assertThat(outcome.get("outcome").asText()).startsWith("Accepted");
        assertThat(allowance(clinic, prospect, year).get("given").get("amount").asText()).isEqualTo("75.00"); // taken up

        // over the cap, the invitation is refused whole: no task, no gift
        int before = items(get(clinic, "/api/v1/tasks?type=INVITATION")).size();
        HttpClientResponseException over = problem(() -> post(clinic, "/api/v1/invitations", Map.of(
                "practitionerId", prospect, "offer", "GIFT_CERTIFICATE", "channel", "LETTER", "value", money("500.00"))));
        assertThat(over.getStatus().getCode()).isEqualTo(422);
        assertThat(items(get(clinic, "/api/v1/tasks?type=INVITATION"))).hasSize(before);
        assertThat(problem(() -> post(clinic, "/api/v1/invitations", Map.of("practitionerId", prospect,
                "offer", "LUNCH", "channel", "EMAIL"))).getResponse().getBody(String.class).orElse("")).contains("offer");
        // a free evaluation is a gift too: without its value it is refused, naming the field
        HttpClientResponseException noValue = problem(() -> post(clinic, "/api/v1/invitations", Map.of(
                "practitionerId", prospect, "offer", "FREE_EVALUATION", "channel", "PHONE")));
        assertThat(noValue.getStatus().getCode()).isEqualTo(422);
        assertThat(JSON.readTree(noValue.getResponse().getBody(String.class).orElseThrow()).get("errors").get(0)
                .get("field").asText()).isEqualTo("value");
        assertThat(items(get(clinic, "/api/v1/tasks?type=INVITATION"))).hasSize(before);

        http.toBlocking().exchange(HttpRequest.PUT("/api/v1/plugins/educate-by-example", Map.of("enabled", false))
                .header("Authorization", TestTokens.bearer(clinic, "staff")), String.class);
        assertThat(problem(() -> post(clinic, "/api/v1/invitations", Map.of("practitionerId", prospect,
                "offer", "FREE_EVALUATION", "channel", "PHONE", "value", money("95.00")))).getStatus().getCode())
                .isEqualTo(409);
    }

    @Test
    void anInvitationSkippedOrDeclinedTakesItsOfferOffTheLedgerOnceAndSaysSo() throws Exception {
        clock.set(Instant.parse("2025-06-11T19:00:00Z")); // the ledger's year and today, whatever day the test runs
        String clinic = TestClinics.unique("sammamish");
        String prospect = registerPartner(clinic, Map.of());
        int year = 2025;
        JsonNode evaluation = post(clinic, "/api/v1/invitations", Map.of("practitionerId", prospect,
                "offer", "FREE_EVALUATION", "channel", "PHONE", "value", money("95.00")));
        assertThat(evaluation.get("gift").get("value").get("amount").asText()).isEqualTo("95.00");
        JsonNode certificate = post(clinic, "/api/v1/invitations", Map.of("practitionerId", prospect,
                "offer", "GIFT_CERTIFICATE", "channel", "LETTER", "value", money("60.00")));
        assertThat(allowance(clinic, prospect, year).get("given").get("amount").asText()).isEqualTo("155.00");

        String skippedTask = evaluation.get("task").get("id").asText();
        post(clinic, "/api/v1/tasks/" + skippedTask + "/skip", Map.of("reason", "Could not reach her office"));
        // skipping again is refused and reverses nothing more
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + skippedTask + "/skip", Map.of("reason", "again")))
                .getStatus().getCode()).isEqualTo(409);
        assertThat(allowance(clinic, prospect, year).get("given").get("amount").asText()).isEqualTo("60.00");
        String evaluationGift = evaluation.get("gift").get("id").asText();
        String reversedPayload = new String(awaitActivity(evaluationGift, "GiftReversed").value(), StandardCharsets.UTF_8);
        assertThat(GoldenSamples.shapeDifferences("GiftReversed.v1", reversedPayload)).isEmpty();
        JsonNode reversed = JSON.readTree(reversedPayload);
        assertThat(reversed.get("reason").asText()).isEqualTo("INVITATION_SKIPPED");
        assertThat(reversed.get("value").get("amount").asText()).isEqualTo("95.00");
        assertThat(reversed.get("taskId").asText()).isEqualTo(skippedTask);
        assertThat(reversed.get("year").asInt()).isEqualTo(year);
        assertThat(reversed.get("reversedOn").asText()).isEqualTo("2025-06-11");

        String declinedTask = certificate.get("task").get("id").asText();
        JsonNode declined = post(clinic, "/api/v1/tasks/" + declinedTask + "/decline",
                Map.of("reason", "She sends her patients elsewhere for this"));
        assertThat(declined.get("status").asText()).isEqualTo("DONE");
        assertThat(declined.get("outcome").asText()).isEqualTo("Declined: She sends her patients elsewhere for this");
        assertThat(allowance(clinic, prospect, year).get("given").get("amount").asText()).isEqualTo("0.00");
        JsonNode declinedEvent = JSON.readTree(new String(awaitActivity(certificate.get("gift").get("id").asText(),
                "GiftReversed").value(), StandardCharsets.UTF_8));
        assertThat(declinedEvent.get("reason").asText()).isEqualTo("INVITATION_DECLINED");
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + declinedTask + "/decline", Map.of("reason", "again")))
                .getStatus().getCode()).isEqualTo(409);

        // the ledger still lists both, marked as reversed, and counts neither
        assertThat(items(get(clinic, "/api/v1/gifts?year=" + year))).extracting(g -> g.get("reversalReason").asText())
                .containsExactlyInAnyOrder("INVITATION_SKIPPED", "INVITATION_DECLINED");
        assertThat(get(clinic, "/api/v1/gifts/totals?year=" + year).get("gifts").asLong()).isZero();
        // exactly one GiftReversed per gift, however often staff clicked
        assertThat(KafkaProbe.records(Topics.OUTREACH_ACTIVITIES, r -> evaluationGift.equals(r.key())
                && EventEnvelope.header(r.headers(), "ce_type").equals("app.rapport.outreach.GiftReversed.v1"))).hasSize(1);
        // only an invitation is declined
        String thankYou = thankYouTask(clinic, prospect);
        assertThat(problem(() -> post(clinic, "/api/v1/tasks/" + thankYou + "/decline", Map.of("reason", "x")))
                .getStatus().getCode()).isEqualTo(409);
    }

    private String thankYouTask(String clinic, String partner) {
        EventEnvelope e = referralReceived(clinic, partner, UUID.randomUUID().toString(), "2025-03-03");
        await().atMost(WAIT).until(() -> processed(e.id()));
        return items(get(clinic, "/api/v1/tasks?type=THANK_YOU")).get(0).get("id").asText();
    }

    // ------------------------------------------------------------------ helpers

    private String registerPartner(String clinic, Map<String, String> replacements) {
        return registerPartner(clinic, UUID.randomUUID().toString(), replacements);
    }

    private String registerPartner(String clinic, String id, Map<String, String> replacements) {
        EventEnvelope e = registerPartnerAsync(clinic, id, replacements);
        await().atMost(WAIT).until(() -> processed(e.id()));
        return id;
    }

    /** Sends the partner's PractitionerRegistered without waiting for it to be applied. */
    private EventEnvelope registerPartnerAsync(String clinic, String id, Map<String, String> replacements) {
        Map<String, String> all = new HashMap<>(replacements);
        all.put(SAMPLE_PARTNER, id);
        // Partners share one database across tests: each gets its own NPI, so group-wide caps stay apart.
        all.putIfAbsent(SAMPLE_NPI, uniqueNpi());
        EventEnvelope e = GoldenSamples.event("PractitionerRegistered.v1", clinic, all);
        KafkaProbe.send(Topics.PRACTITIONERS, e);
        return e;
    }

    /** ClinicProfileUpdated from the golden sample (Harbor Integrative Health, version 3), applied. */
    private void clinicProfile(String clinic, Map<String, String> replacements) {
        Map<String, String> all = new HashMap<>(replacements);
        all.put(SAMPLE_PROFILE, UUID.nameUUIDFromBytes(clinic.getBytes(StandardCharsets.UTF_8)).toString());
        EventEnvelope e = GoldenSamples.event("ClinicProfileUpdated.v1", clinic, all);
        KafkaProbe.send(Topics.PRACTITIONERS, e);
        await().atMost(WAIT).until(() -> processed(e.id()));
    }

    private byte[] cardPdf(String clinic, String taskId) {
        HttpResponse<byte[]> pdf = http.toBlocking().exchange(HttpRequest.GET("/api/v1/tasks/" + taskId + "/card.pdf")
                .header("Authorization", TestTokens.bearer(clinic, "staff")), byte[].class);
        assertThat(pdf.getContentType().map(Object::toString).orElse("")).isEqualTo("application/pdf");
        return pdf.body();
    }

    private EventEnvelope referralReceived(String clinic, String partner, String referral, String receivedOn) {
        EventEnvelope e = GoldenSamples.event("ReferralReceived.v2", clinic,
                Map.of(SAMPLE_REFERRAL, referral, SAMPLE_PARTNER, partner, "\"2025-03-03\"", "\"" + receivedOn + "\""));
        KafkaProbe.send(Topics.REFERRALS, e);
        return e;
    }

    private EventEnvelope referralSent(String clinic, String partner, String sentOn) {
        EventEnvelope e = GoldenSamples.event("ReferralSent.v1", clinic, Map.of(SAMPLE_SENT_REFERRAL,
                UUID.randomUUID().toString(), SAMPLE_SENT_PARTNER, partner, "\"2025-03-21\"", "\"" + sentOn + "\""));
        KafkaProbe.send(Topics.REFERRALS, e);
        return e;
    }

    private static String uniqueNpi() {
        return String.valueOf(1_000_000_000L + (long) (Math.random() * 8_999_999_999L));
    }

    private static Instant at(String day) {
        return LocalDate.parse(day).atTime(9, 0).atZone(CLINIC_ZONE).toInstant();
    }

    private static Map<String, String> money(String amount) {
        return Map.of("amount", amount, "currency", "USD");
    }

    private JsonNode allowance(String clinic, String partner, int year) {
        return get(clinic, "/api/v1/gifts/allowance?practitionerId=" + partner + "&year=" + year);
    }

    private boolean processed(String eventId) throws Exception {
        try (Connection c = dataSourceResolver.resolve(dataSource).getConnection();
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM processed_event WHERE event_id = ?")) {
            s.setString(1, eventId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    private ConsumerRecord<String, byte[]> awaitActivity(String key, String type) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            found.clear();
            found.addAll(KafkaProbe.records(Topics.OUTREACH_ACTIVITIES, r -> key.equals(r.key())
                    && EventEnvelope.header(r.headers(), "ce_type").equals("app.rapport.outreach." + type + ".v1")));
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String clinic, String path) {
        return send(HttpRequest.GET(path), clinic);
    }

    private JsonNode post(String clinic, String path, Object body) {
        return send(HttpRequest.POST(path, body), clinic);
    }

    private JsonNode put(String clinic, String path, Object body) {
        return send(HttpRequest.PUT(path, body), clinic);
    }

    private JsonNode send(MutableHttpRequest<?> request, String clinic) {
        String body = http.toBlocking().retrieve(request.header("Authorization", TestTokens.bearer(clinic, "staff")),
                String.class);
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The status a request gets, answered or refused. */
    private int status(MutableHttpRequest<?> request, String clinic) {
        try {
            return http.toBlocking().exchange(request.header("Authorization", TestTokens.bearer(clinic, "staff")),
                    String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> out = new ArrayList<>();
        if (page.has("items")) { // an empty list is left out of the JSON
            page.get("items").forEach(out::add);
        }
        return out;
    }

    private static HttpClientResponseException problem(Runnable call) {
        return assertThrows(HttpClientResponseException.class, call::run);
    }
}
