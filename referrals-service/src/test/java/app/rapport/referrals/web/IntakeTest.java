package app.rapport.referrals.web;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.ProductionLogs;
import app.rapport.platform.testing.RowLock;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import app.rapport.referrals.ReferralsTestSupport;
import app.rapport.referrals.domain.IntakeDoor;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The partners' intake door: issued and revoked by staff, used without a login, strict, small and rate-limited. */
@MicronautTest(transactional = false)
class IntakeTest extends ReferralsTestSupport {

    private static final int LIMIT = 3;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("rapport.referrals.intake.rate-limit", String.valueOf(LIMIT),
                "rapport.referrals.intake.max-body-bytes", "2048");
    }

    @Test
    void aPartnersOfficeSubmitsAReferralWithoutALoginAndItArrivesAsReceivedThroughWebIntake() {
        String clinic = TestClinics.unique("seattle-downtown");
        String partner = partner(clinic, false);
        Map<String, Object> link = issue(clinic, partner);
        String token = (String) link.get("token");

        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token,
                submission()), String.class);

        assertThat(response.getStatus().getCode()).isEqualTo(201);
        Map<String, Object> receipt = read(response.body());
        assertThat(receipt).containsEntry("status", "RECEIVED").containsEntry("receivedOn", today());
        assertThat(response.body()).doesNotContain("Marsh").doesNotContain("1991");
        String id = (String) receipt.get("referralId");
        Map<String, Object> referral = get("/api/v1/referrals/" + id, staff(clinic));
        assertThat(referral).containsEntry("channel", "WEB_INTAKE").containsEntry("status", "RECEIVED")
                .containsEntry("intakeLinkId", link.get("id")).containsEntry("diagnosisCodes", List.of("M54.50"));
        assertThat((Map<String, Object>) referral.get("practitioner")).containsEntry("id", partner);
        assertThat((Map<String, Object>) referral.get("referrerContact")).containsEntry("name", "Dana Whitfield")
                .containsEntry("phone", "+12065550177");
        assertThat((List<Map<String, Object>>) referral.get("history")).singleElement()
                .satisfies(h -> assertThat(h).containsEntry("changedBy", "intake"));
        EventEnvelope event = referralEvents(id, 1).get(0);
        assertThat(event.type()).isEqualTo(EventTypes.REFERRAL_RECEIVED);
        assertThat(event.clinicId()).isEqualTo(clinic);
        assertThat(GoldenSamples.shapeDifferences("ReferralReceived.v2", event.payload())).isEmpty();
        assertThat(read(event.payload())).containsEntry("channel", "WEB_INTAKE").containsEntry("practitionerId", partner);
    }

    @Test
    void aPatientsPhoneTypedByTheReferringOfficeIsStoredInE164AndANonNumberIsRefusedAtItsField() {
        String clinic = TestClinics.unique("everett");
        String token = (String) issue(clinic, partner(clinic, false)).get("token");
        Map<String, Object> notANumber = submission();
        ((Map<String, Object>) notANumber.get("patient")).put("phone", "ask for Elena");
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, notANumber), null, 422).get("errors").toString())
                .contains("field=patient.phone");
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isZero();

        Map<String, Object> typed = submission();
        ((Map<String, Object>) typed.get("patient")).put("phone", "206.555.0142");
        String id = (String) read(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, typed),
                String.class).body()).get("referralId");

        assertThat((Map<String, Object>) get("/api/v1/referrals/" + id, staff(clinic)).get("patient"))
                .containsEntry("phone", "+12065550142");
    }

    @Test
    void theReferringOfficesPhoneTypedAsPeopleWriteItIsStoredInE164AndANonNumberIsRefusedAtItsField() {
        String clinic = TestClinics.unique("lynnwood");
        String token = (String) issue(clinic, partner(clinic, false)).get("token");
        Map<String, Object> notANumber = submission();
        ((Map<String, Object>) notANumber.get("contact")).put("phone", "call the front desk");
        Map<String, Object> refused = problem(HttpRequest.POST("/api/v1/intake/" + token, notANumber), null, 422);
        assertThat(refused.get("errors").toString()).contains("field=contact.phone");
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE clinic_id = ?", clinic)).isZero();

        Map<String, Object> typed = submission();
        ((Map<String, Object>) typed.get("contact")).put("phone", "(206) 555-0177");
        String id = (String) read(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, typed),
                String.class).body()).get("referralId");

        assertThat((Map<String, Object>) get("/api/v1/referrals/" + id, staff(clinic)).get("referrerContact"))
                .containsEntry("name", "Dana Whitfield").containsEntry("phone", "+12065550177");
    }

    @Test
    void anIntakeNamingAKnownPatientWithAnotherPhoneLeavesThatPatientAloneAndShowsStaffTheCandidate() {
        String clinic = TestClinics.unique("bellevue");
        String partner = partner(clinic, false);
        Map<String, Object> byStaff = newReferral("RECEIVED", partner);
        Map<String, Object> known = post("/api/v1/referrals", byStaff, staff(clinic));
        Map<String, Object> knownPatient = (Map<String, Object>) known.get("patient");
        String token = (String) issue(clinic, partner).get("token");

        Map<String, Object> otherPhone = submission();
        Map<String, Object> patient = (Map<String, Object>) otherPhone.get("patient");
        patient.putAll(Map.of("firstName", knownPatient.get("firstName"), "lastName", knownPatient.get("lastName"),
                "birthDate", knownPatient.get("birthDate"), "phone", "+12065550999"));
        String id = (String) read(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, otherPhone),
                String.class).body()).get("referralId");

        Map<String, Object> stillKnown = get("/api/v1/referrals/" + known.get("id"), staff(clinic));
        assertThat((Map<String, Object>) stillKnown.get("patient"))
                .containsEntry("phone", "+12065550100");
        Map<String, Object> submitted = get("/api/v1/referrals/" + id, staff(clinic));
        Map<String, Object> itsPatient = (Map<String, Object>) submitted.get("patient");
        assertThat(itsPatient.get("reference")).isNotEqualTo(knownPatient.get("reference"));
        assertThat(itsPatient).containsEntry("phone", "+12065550999");
        assertThat((List<Map<String, Object>>) submitted.get("possibleSamePatients")).singleElement().satisfies(c ->
                assertThat(c).containsEntry("patientReference", knownPatient.get("reference"))
                        .containsEntry("phone", knownPatient.get("phone")));
        // Staff see the candidate from the known patient's side too, so either referral leads to the other.
        assertThat((List<Map<String, Object>>) stillKnown.get("possibleSamePatients")).singleElement().satisfies(c ->
                assertThat(c).containsEntry("patientReference", itsPatient.get("reference")));
    }

    @Test
    void anIntakeGivingTheContactDetailsOnFileJoinsThatPatientSoConsentsStayMatched() {
        String clinic = TestClinics.unique("redmond");
        String partner = partner(clinic, false);
        String token = (String) issue(clinic, partner).get("token");
        String first = (String) read(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token,
                submission()), String.class).body()).get("referralId");
        String second = (String) read(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token,
                submission()), String.class).body()).get("referralId");

        Map<String, Object> a = get("/api/v1/referrals/" + first, staff(clinic));
        Map<String, Object> b = get("/api/v1/referrals/" + second, staff(clinic));
        assertThat(((Map<String, Object>) b.get("patient")).get("reference"))
                .isEqualTo(((Map<String, Object>) a.get("patient")).get("reference"));
        assertThat((List<?>) b.getOrDefault("possibleSamePatients", List.of())).isEmpty(); // an empty list is left out
        assertThat(count("SELECT COUNT(*) FROM patient WHERE clinic_id = ?", clinic)).isEqualTo(1);
    }

    @Test
    void theTokenIsShownOnceAndOnlyItsHashIsKept() {
        String clinic = TestClinics.unique("tacoma");
        Map<String, Object> link = issue(clinic, partner(clinic, false));
        String token = (String) link.get("token");
        assertThat(token).hasSize(43);
        assertThat(link).containsEntry("path", "/api/v1/intake/" + token);

        Map<String, Object> list = get("/api/v1/intake-links", staff(clinic));
        assertThat(list).containsEntry("total", 1);
        assertThat((List<Map<String, Object>>) list.get("items")).singleElement().satisfies(l ->
                assertThat(l).doesNotContainKey("token").containsEntry("status", "ACTIVE").containsEntry("id", link.get("id")));
        assertThat(list.toString()).doesNotContain(token);
        assertThat(count("SELECT COUNT(*) FROM intake_link WHERE token_sha256 = ?", IntakeDoor.sha256(token))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM intake_link WHERE token_sha256 = ? OR label = ?", token, token)).isZero();
    }

    @Test
    void revokedExpiredAndUnknownTokensGetTheSameNotFoundAndWriteNothing() {
        String clinic = TestClinics.unique("olympia");
        String partner = partner(clinic, false);
        String revoked = (String) issue(clinic, partner).get("token");
        Map<String, Object> revokedLink = call(HttpRequest.DELETE("/api/v1/intake-links/" + linkId(clinic, revoked)), staff(clinic));
        assertThat(revokedLink).containsEntry("status", "REVOKED").containsEntry("revokedBy", "tester@" + clinic);
        Map<String, Object> expiring = issue(clinic, partner);
        execute("UPDATE intake_link SET expires_at = ? WHERE id = ?", Timestamp.from(Instant.now().minusSeconds(60)),
                expiring.get("id"));
        String unknown = "A".repeat(43);

        List<Map<String, Object>> problems = new java.util.ArrayList<>();
        for (String token : List.of(revoked, (String) expiring.get("token"), unknown, "short")) {
            problems.add(problem(HttpRequest.POST("/api/v1/intake/" + token, submission()), null, 404));
        }
        assertThat(problems).extracting(p -> p.get("detail")).containsOnly(problems.get(0).get("detail"));
        assertThat(problems).extracting(p -> p.get("type")).containsOnly(problems.get(0).get("type"));
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(((List<Map<String, Object>>) get("/api/v1/intake-links", staff(clinic)).get("items")))
                .extracting(l -> l.get("status")).containsExactlyInAnyOrder("REVOKED", "EXPIRED");
    }

    /**
     * Staff revoke a link while a submission through it is half-way: the submission read the link
     * while it was usable and is held at its first write of the referral. Either the submission
     * finishes first and the revoke follows, or it is refused; the link never comes back, and no
     * submission is accepted after the revoke committed.
     */
    @Test
    void aLinkRevokedDuringASubmissionStaysRevoked() throws Exception {
        String clinic = TestClinics.unique("issaquah");
        String token = (String) issue(clinic, partner(clinic, false)).get("token");
        String id = linkId(clinic, token);
        HttpResponse<String> opened = http.toBlocking().exchange(HttpRequest.GET("/api/v1/intake-links/" + id)
                .header("Authorization", staff(clinic)), String.class);
        String etag = opened.header("ETag");
        assertThat(etag).isEqualTo("\"" + read(opened.body()).get("version") + "\"");

        int[] submitted = new int[1];
        int[] revoked = new int[1];
        Thread submission = new Thread(() -> submitted[0] = status(HttpRequest.POST("/api/v1/intake/" + token, submission())));
        Thread revoke = new Thread(() -> revoked[0] = status(HttpRequest.DELETE("/api/v1/intake-links/" + id)
                .header("Authorization", staff(clinic)).header("If-Match", etag)));
        try (RowLock referrals = RowLock.table(dataSourceResolver.resolve(dataSource), "referral")) {
            submission.start();
            referrals.awaitTableWaiters(1);
            revoke.start();
            // the revoke either finishes (nothing holds the link) or queues behind the submission's lock on it
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> !revoke.isAlive() || referrals.waiters() >= 1);
        }
        submission.join(WAIT.toMillis());
        revoke.join(WAIT.toMillis());

        assertThat(revoked[0]).isEqualTo(200);
        Map<String, Object> link = get("/api/v1/intake-links/" + id, staff(clinic));
        assertThat(link).containsEntry("status", "REVOKED");
        long referralsIn = count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic);
        if (submitted[0] == 201) { // it finished before the revoke: counted, and the revoke came after it
            assertThat(referralsIn).isEqualTo(1);
            assertThat(link).containsEntry("submissions", 1);
            assertThat(Instant.parse((String) link.get("revokedAt")))
                    .isAfterOrEqualTo(Instant.parse((String) link.get("lastSubmittedAt")));
        } else {
            assertThat(submitted[0]).isEqualTo(404);
            assertThat(referralsIn).isZero();
        }
        // and from now on the token is refused
        problem(HttpRequest.POST("/api/v1/intake/" + token, submission()), null, 404);
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isEqualTo(referralsIn);
        // a revoke on a version someone else changed since is a 412 naming the current one
        Map<String, Object> stale = problem(HttpRequest.DELETE("/api/v1/intake-links/" + id).header("If-Match", etag),
                staff(clinic), 412);
        assertThat(((Map<String, Object>) stale.get("extra")).get("currentVersion")).isEqualTo(link.get("version"));
    }

    private int status(io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            return http.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void openingTheFormShowsOnlyTheLabelAndUsesNoneOfTheRateWindow() {
        String clinic = TestClinics.unique("lynnwood");
        String partner = partner(clinic, false);
        Map<String, Object> link = issue(clinic, partner);
        String token = (String) link.get("token");

        for (int i = 0; i < LIMIT + 2; i++) {
            Map<String, Object> form = read(http.toBlocking().retrieve(HttpRequest.GET("/api/v1/intake/" + token)));
            assertThat(form).containsOnlyKeys("label", "maxBodyBytes").containsEntry("label", "Lakeview front desk")
                    .containsEntry("maxBodyBytes", 2048);
        }
        assertThat(count("SELECT window_count FROM intake_link WHERE id = ?", link.get("id"))).isZero();
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, submission()), String.class)
                .getStatus().getCode()).isEqualTo(201);

        call(HttpRequest.DELETE("/api/v1/intake-links/" + link.get("id")), staff(clinic));
        Map<String, Object> revoked = problem(HttpRequest.GET("/api/v1/intake/" + token), null, 404);
        Map<String, Object> unknown = problem(HttpRequest.GET("/api/v1/intake/" + "B".repeat(43)), null, 404);
        assertThat(revoked.get("detail")).isEqualTo(unknown.get("detail"));
        assertThat(revoked.get("type")).isEqualTo(unknown.get("type"));
    }

    @Test
    void anArchivedPartnersLinkStopsWorkingAndNoNewLinkIsIssuedForThem() {
        String clinic = TestClinics.unique("everett");
        String partner = partner(clinic, false);
        String token = (String) issue(clinic, partner).get("token");
        execute("UPDATE partner SET archived = TRUE WHERE clinic_id = ? AND practitioner_id = ?", clinic, partner);

        problem(HttpRequest.POST("/api/v1/intake/" + token, submission()), null, 404);
        Map<String, Object> problem = problem(HttpRequest.POST("/api/v1/intake-links", Map.of("practitionerId", partner,
                "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString())), staff(clinic), 422);
        assertThat(problem.get("errors").toString()).contains("field=practitionerId");
    }

    @Test
    void submissionsAreStrictlyValidatedAndSizeLimited() {
        String clinic = TestClinics.unique("kent");
        String token = (String) issue(clinic, partner(clinic, false)).get("token");

        Map<String, Object> extra = submission();
        extra.put("practitionerId", "6a0c8f2e-1111-4c4c-8a8a-123456789abc");
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, extra), null, 400).get("errors").toString())
                .contains("field=practitionerId").contains("not a field");

        Map<String, Object> nested = submission();
        ((Map<String, Object>) nested.get("patient")).put("ssn", "123-45-6789");
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, nested), null, 400).get("errors").toString())
                .contains("field=patient.ssn");

        String big = "{\"reason\":\"" + "x".repeat(3000) + "\"}";
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, big).contentType(MediaType.APPLICATION_JSON_TYPE),
                null, 413).get("detail").toString()).contains("2048");
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
    }

    @Test
    void invalidFieldsAreNamedAndNothingIsWritten() {
        String clinic = TestClinics.unique("kent");
        String token = (String) issue(clinic, partner(clinic, false)).get("token");
        // Fresh link per case would dodge the limit; instead this link has room for exactly LIMIT tries.
        Map<String, Object> noReason = submission();
        noReason.remove("reason");
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, noReason), null, 400).get("errors").toString())
                .contains("field=reason");
        Map<String, Object> badDate = submission();
        ((Map<String, Object>) badDate.get("patient")).put("birthDate", "17/04/1991");
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, badDate), null, 400).get("errors").toString())
                .contains("field=patient.birthDate");
        Map<String, Object> badCode = submission();
        badCode.put("diagnosisCodes", List.of("back pain"));
        assertThat(problem(HttpRequest.POST("/api/v1/intake/" + token, badCode), null, 422).get("errors").toString())
                .contains("field=diagnosisCodes[0]");
        assertThat(count("SELECT COUNT(*) FROM referral WHERE clinic_id = ?", clinic)).isZero();
        assertThat(count("SELECT COUNT(*) FROM outbox_event WHERE clinic_id = ?", clinic)).isZero();
    }

    @Test
    void eachTokenIsRateLimitedWithRetryAfterAndTheCountLivesInTheDatabase() {
        String clinic = TestClinics.unique("bellevue");
        String partner = partner(clinic, false);
        Map<String, Object> link = issue(clinic, partner);
        String token = (String) link.get("token");
        String other = (String) issue(clinic, partner).get("token");

        for (int i = 0; i < LIMIT; i++) {
            assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, submission()), String.class)
                    .getStatus().getCode()).isEqualTo(201);
        }
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () ->
                http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, submission()), String.class));
        assertThat(e.getStatus().getCode()).isEqualTo(429);
        assertThat(e.getResponse().getContentType().map(MediaType::toString)).hasValue("application/problem+json");
        long retryAfter = Long.parseLong(e.getResponse().getHeaders().get("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertThat(count("SELECT window_count FROM intake_link WHERE id = ?", link.get("id"))).isEqualTo(LIMIT);
        assertThat(count("SELECT COUNT(*) FROM referral WHERE intake_link_id = ?", link.get("id"))).isEqualTo(LIMIT);
        // Another link of the same partner has its own window.
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + other, submission()), String.class)
                .getStatus().getCode()).isEqualTo(201);

        // The window is the database's: once it lies an hour back (as for any replica), the link works again.
        execute("UPDATE intake_link SET window_started_at = ? WHERE id = ?",
                Timestamp.from(Instant.now().minus(61, ChronoUnit.MINUTES)), link.get("id"));
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + token, submission()), String.class)
                .getStatus().getCode()).isEqualTo(201);
        assertThat(((List<Map<String, Object>>) get("/api/v1/intake-links", staff(clinic)).get("items")))
                .filteredOn(l -> l.get("id").equals(link.get("id"))).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("submissions", LIMIT + 1));
    }

    @Test
    void onlyStaffManageLinksAndOnlyTheirOwnClinics() {
        String clinic = TestClinics.unique("renton");
        String other = TestClinics.unique("auburn");
        String partner = partner(clinic, false);
        Map<String, Object> link = issue(clinic, partner);

        problem(HttpRequest.POST("/api/v1/intake-links", Map.of("practitionerId", partner,
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())), TestTokens.bearer(clinic, "clinician"), 403);
        problem(HttpRequest.DELETE("/api/v1/intake-links/" + link.get("id")), staff(other), 404);
        assertThat(get("/api/v1/intake-links", staff(other))).containsEntry("total", 0);
        problem(HttpRequest.POST("/api/v1/intake-links", Map.of("practitionerId", partner,
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())), staff(other), 422);
        assertThat(problem(HttpRequest.POST("/api/v1/intake-links", Map.of("practitionerId", partner,
                "expiresAt", Instant.now().minusSeconds(5).toString())), staff(clinic), 422).get("errors").toString())
                .contains("field=expiresAt");
        // The link still works: the other clinic's revoke did nothing.
        assertThat(http.toBlocking().exchange(HttpRequest.POST("/api/v1/intake/" + link.get("token"), submission()),
                String.class).getStatus().getCode()).isEqualTo(201);
        assertThat(get("/api/v1/referrals", staff(other))).containsEntry("total", 0);
    }

    @Test
    void noLogLineCarriesAnIntakeToken() {
        String clinic = TestClinics.unique("bellevue");
        String partner = partner(clinic, false);
        String token = (String) issue(clinic, partner).get("token");
        String revoked = (String) issue(clinic, partner).get("token");
        call(HttpRequest.DELETE("/api/v1/intake-links/" + linkId(clinic, revoked)), staff(clinic));
        String unknown = token.substring(0, 42) + (token.endsWith("A") ? "B" : "A");
        Map<String, Object> noReason = submission();
        noReason.remove("reason");
        Map<String, Object> problem;
        try (ProductionLogs logs = ProductionLogs.open()) {
            get("/api/v1/intake/" + token, null);
            post("/api/v1/intake/" + token, submission(), null);
            problem = problem(HttpRequest.POST("/api/v1/intake/" + token, noReason), null, 400);
            problem(HttpRequest.POST("/api/v1/intake/" + token, "{\"patient\": "), null, 400);
            problem(HttpRequest.POST("/api/v1/intake/" + revoked, submission()), null, 404);
            problem(HttpRequest.POST("/api/v1/intake/" + unknown, submission()), null, 404);

            String lines = logs.text();
            // The lines were there (at DEBUG the server names each request's path) ...
            assertThat(lines).contains("/api/v1/intake/***");
            // ... but never the credential in it.
            assertThat(lines).doesNotContain(token).doesNotContain(revoked).doesNotContain(unknown);
        }
        assertThat((String) problem.get("instance")).isEqualTo("/api/v1/intake/***");
    }

    private Map<String, Object> issue(String clinic, String partner) {
        return post("/api/v1/intake-links", Map.of("practitionerId", partner, "label", "Lakeview front desk",
                "expiresAt", Instant.now().plus(90, ChronoUnit.DAYS).toString()), staff(clinic));
    }

    private String linkId(String clinic, String token) {
        return ((List<Map<String, Object>>) get("/api/v1/intake-links?size=200", staff(clinic)).get("items")).stream()
                .map(l -> (String) l.get("id")).filter(id -> count(
                        "SELECT COUNT(*) FROM intake_link WHERE id = ? AND token_sha256 = ?", id, IntakeDoor.sha256(token)) == 1)
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> submission() {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", new HashMap<>(Map.of("firstName", "Elena", "lastName", "Marsh", "birthDate", "1991-04-17",
                "phone", "+12065550100")));
        body.put("reason", "Low back pain at 28 weeks; please evaluate");
        body.put("requestedService", "Prenatal chiropractic care");
        body.put("diagnosisCodes", List.of("M54.50"));
        body.put("urgency", "ROUTINE");
        body.put("contact", new HashMap<>(Map.of("name", "Dana Whitfield", "phone", "+12065550177")));
        return body;
    }
}
