package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.RowLock;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The directory over HTTP on the real database, and the events it publishes through the outbox. */
@MicronautTest(transactional = false)
class PractitionerDirectoryTest extends ContactsApi {

    @Inject
    DataSource dataSource;
    @Inject
    DataSourceResolver dataSourceResolver;

    private Map<String, Object> okafor(String npi, String email, String phone, String fax) {
        Map<String, Object> p = practitioner("Maya", "Okafor", "OB_GYN");
        p.put("credentials", "MD, FACOG");
        p.put("organization", "Lakeview Women's Health");
        p.put("npi", npi);
        p.put("email", email);
        p.put("phone", phone);
        p.put("fax", fax);
        p.put("address", Map.of("line1", "1420 Eastlake Ave E", "line2", "Suite 300", "city", "Seattle",
                "region", "WA", "postalCode", "98102", "country", "US"));
        p.put("preferredThankYouChannel", "HANDWRITTEN_NOTE");
        p.put("reportPreferences", Map.of("reports", List.of("INITIAL", "PROGRESS", "DISCHARGE"), "everyVisits", 6,
                "channel", "FAX"));
        p.put("tags", List.of("Prenatal", "lunch-and-learn"));
        p.put("notes", "Prefers faxed plans of care; met at the March hospital grand rounds");
        return p;
    }

    private static String npi() {
        return uniqueNpi();
    }

    @Test
    void aPartnerEnteredIsNormalisedReadBackAndRegisteredOnTheTopicWithTheContractsShape() {
        String clinic = TestClinics.unique("seattle-downtown");
        String phone = uniquePhone();
        String digits = phone.replaceAll("[^0-9]", "");
        Map<String, Object> details = okafor(npi(), "M.Okafor@LakeviewWomensHealth.example.com", phone, null);
        // The golden PractitionerRegistered sample states no report preferences; the shape check compares with it.
        details.remove("reportPreferences");
        Map<String, Object> created = create(clinic, details);

        String id = (String) created.get("id");
        assertThat(created.get("phone")).isEqualTo("+1" + digits);
        assertThat(created.get("email")).isEqualTo("m.okafor@lakeviewwomenshealth.example.com");
        assertThat(created.get("stage")).isEqualTo("PROSPECT");
        assertThat(created.get("physician")).isEqualTo(true);
        assertThat(created.get("owner")).isEqualTo("tester@" + clinic);
        assertThat(created.get("tags")).isEqualTo(List.of("lunch-and-learn", "prenatal"));
        assertThat(created.get("version")).isEqualTo(1);
        assertThat(get(clinic, "/api/v1/practitioners/" + id, "clinician")).isEqualTo(created);

        await().atMost(WAIT).until(() -> eventsAbout(id).size() == 1);
        EventEnvelope event = eventsAbout(id).get(0);
        assertThat(event.type()).isEqualTo(EventTypes.PRACTITIONER_REGISTERED);
        assertThat(event.clinicId()).isEqualTo(clinic);
        assertThat(event.source()).isEqualTo("/rapport/contacts-service");
        assertThat(GoldenSamples.shapeDifferences("PractitionerRegistered.v1", event.payload())).isEmpty();
        Map<String, Object> payload = read(event.payload());
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = (Map<String, Object>) payload.get("practitioner");
        assertThat(snapshot).containsEntry("id", id).containsEntry("phone", "+1" + digits)
                .containsEntry("physician", true).containsEntry("archived", false).containsEntry("version", 1)
                .containsEntry("stage", "PROSPECT");
        // Notes, tags and owner stay in contacts-service.
        assertThat(event.payload()).doesNotContain("grand rounds").doesNotContain("prenatal").doesNotContain("tester@");
    }

    @Test
    void aDuplicateByNpiEmailPhoneOrFaxIs409WithTheExistingIdAndWritesNothing() {
        String clinic = TestClinics.unique("tacoma");
        String npi = npi();
        String phone = uniquePhone();
        String fax = uniquePhone();
        String id = (String) create(clinic, okafor(npi, "maya@lakeview.example.com", phone, fax)).get("id");

        List<Map<String, Object>> duplicates = List.of(
                okafor(npi, null, null, null),
                okafor(null, "MAYA@Lakeview.Example.com", null, null),
                okafor(null, null, "+1 " + phone.replaceAll("[^0-9]", ""), null),
                okafor(null, null, null, fax.replace("(", "").replace(") ", "."))
        );
        for (Map<String, Object> duplicate : duplicates) {
            duplicate.put("firstName", "Someone");
            duplicate.put("lastName", "Else");
            Map<String, Object> problem = problem(409, HttpRequest.POST("/api/v1/practitioners", duplicate), clinic);
            assertThat(problem.get("extra")).isEqualTo(Map.of("existingId", id));
        }
        assertThat(get(clinic, "/api/v1/practitioners?q=Else").get("total")).isEqualTo(0);

        // Another clinic keeps its own directory: the same partner is no duplicate there.
        String other = TestClinics.unique("olympia");
        assertThat(create(other, okafor(npi, "maya@lakeview.example.com", phone, fax)).get("id")).isNotEqualTo(id);

        // An edit that takes another partner's phone is a duplicate too.
        String second = (String) create(clinic, practitioner("Hannah", "Lindqvist", "DOULA")).get("id");
        Map<String, Object> edit = practitioner("Hannah", "Lindqvist", "DOULA");
        edit.put("phone", phone);
        Map<String, Object> problem = problem(409, HttpRequest.PUT("/api/v1/practitioners/" + second, edit), clinic);
        assertThat(problem.get("extra")).isEqualTo(Map.of("existingId", id));
        assertThat(get(clinic, "/api/v1/practitioners/" + second).get("phone")).isNull();
    }

    @Test
    void aPartnerWithoutNpiEmailOrPhoneIsALikelyDuplicateOfAnActivePartnerWithTheSameNameAndOrganization() {
        String clinic = TestClinics.unique("shoreline");
        Map<String, Object> existing = practitioner("Maya", "Okafor", "OB_GYN");
        existing.put("organization", "Lakeview Women's Health");
        existing.put("npi", npi());
        String id = (String) create(clinic, existing).get("id");

        // Typed again from a business card: other case, spacing and punctuation, a fax but nothing that identifies her.
        Map<String, Object> again = practitioner(" maya ", "O'KAFOR", "OB_GYN");
        again.put("organization", "Lakeview  Womens Health.");
        again.put("fax", uniquePhone());
        Map<String, Object> problem = problem(409, HttpRequest.POST("/api/v1/practitioners", again), clinic);
        assertThat(problem.get("extra")).isEqualTo(Map.of("existingId", id));
        assertThat(problem.get("detail").toString()).contains("likely").contains("name and organization");
        assertThat(get(clinic, "/api/v1/practitioners?q=Okafor").get("total")).isEqualTo(1);

        // An NPI, e-mail or phone tells two people apart; so does another organization.
        Map<String, Object> withPhone = new HashMap<>(again);
        withPhone.put("phone", uniquePhone());
        String withPhoneId = (String) create(clinic, withPhone).get("id");
        assertThat(withPhoneId).isNotEqualTo(id);
        Map<String, Object> elsewhere = practitioner("Maya", "Okafor", "OB_GYN");
        elsewhere.put("organization", "Tacoma Birth Center");
        assertThat(create(clinic, elsewhere).get("id")).isNotEqualTo(id);

        // Only active partners count, and only in this clinic.
        Map<String, Object> vance = practitioner("Derek", "Vance", "PERSONAL_TRAINER");
        vance.put("organization", "Peak Fitness");
        String archived = (String) create(clinic, vance).get("id");
        call(HttpRequest.POST("/api/v1/practitioners/" + archived + "/archive", Map.of()), clinic, "staff");
        assertThat(create(clinic, vance).get("id")).isNotEqualTo(archived);
        assertThat(create(TestClinics.unique("edmonds"), again).get("id")).isNotEqualTo(id);

        // An edit that makes a partner another's likely twin is the same 409 (both Lakeview Okafors are).
        Map<String, Object> renamed = new HashMap<>(elsewhere);
        renamed.put("organization", "LAKEVIEW WOMEN'S HEALTH");
        String elsewhereId = items(get(clinic, "/api/v1/practitioners?q=Tacoma")).get(0).get("id").toString();
        assertThat(problem(409, HttpRequest.PUT("/api/v1/practitioners/" + elsewhereId, renamed), clinic).get("extra"))
                .isIn(Map.of("existingId", id), Map.of("existingId", withPhoneId));
        assertThat(get(clinic, "/api/v1/practitioners/" + elsewhereId)).containsEntry("organization", "Tacoma Birth Center");
    }

    @Test
    void reportPreferencesLeftOutFallBackToTheDefaultsAndOnlyAnEmptyListMeansNone() {
        String clinic = TestClinics.unique("bothell");
        Map<String, Object> channelOnly = practitioner("Luis", "Ortega", "PRIMARY_CARE");
        channelOnly.put("reportPreferences", Map.of("channel", "FAX"));
        Map<String, Object> created = create(clinic, channelOnly);
        String id = (String) created.get("id");
        Map<String, Object> defaults = Map.of("reports", List.of("INITIAL", "DISCHARGE"),
                "statusUpdates", List.of("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "DECLINED", "COMPLETED"), "channel", "FAX");
        assertThat(created.get("reportPreferences")).isEqualTo(defaults);
        await().atMost(WAIT).until(() -> eventsAbout(id).size() == 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = (Map<String, Object>) read(eventsAbout(id).get(0).payload()).get("practitioner");
        assertThat(snapshot.get("reportPreferences")).isEqualTo(defaults);

        // Status updates named, reports left out: the default reports still come.
        Map<String, Object> someUpdates = practitioner("Luis", "Ortega", "PRIMARY_CARE");
        someUpdates.put("reportPreferences", Map.of("statusUpdates", List.of("COMPLETED", "DECLINED"), "everyWeeks", 4,
                "channel", "EMAIL"));
        Map<String, Object> edited = call(HttpRequest.PUT("/api/v1/practitioners/" + id, someUpdates), clinic, "staff");
        assertThat(edited.get("reportPreferences")).isEqualTo(Map.of("reports", List.of("INITIAL", "DISCHARGE"),
                "statusUpdates", List.of("DECLINED", "COMPLETED"), "everyWeeks", 4, "channel", "EMAIL"));

        // Empty lists: the partner asked for neither reports nor status updates, and the snapshot says so.
        Map<String, Object> none = practitioner("Luis", "Ortega", "PRIMARY_CARE");
        none.put("reportPreferences", Map.of("reports", List.of(), "statusUpdates", List.of(), "channel", "PRINT"));
        Map<String, Object> nothing = call(HttpRequest.PUT("/api/v1/practitioners/" + id, none), clinic, "staff");
        assertThat(nothing.get("reportPreferences")).isEqualTo(Map.of("reports", List.of(), "statusUpdates", List.of(),
                "channel", "PRINT"));
        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).size() == 2);
        String payload = eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).get(1).payload();
        assertThat(payload).contains("\"reports\":[]").contains("\"statusUpdates\":[]");
        assertThat(GoldenSamples.shapeDifferences("PractitionerUpdated.v1", payload)).isEmpty();

        Map<String, Object> badUpdate = practitioner("Luis", "Ortega", "PRIMARY_CARE");
        badUpdate.put("reportPreferences", Map.of("statusUpdates", List.of("DISCHARGED"), "channel", "FAX"));
        assertThat(problem(400, HttpRequest.PUT("/api/v1/practitioners/" + id, badUpdate), clinic).toString())
                .contains("statusUpdates");
    }

    @Test
    void partnersEnteredTwiceAtTheSameMomentEndAsOneRecordAndOne409PerExtraCopy() throws Exception {
        String clinic = TestClinics.unique("federal-way");
        String npi = npi();
        int copies = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(copies);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Map.Entry<Integer, String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < copies; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        HttpResponse<String> r = exchange(HttpRequest.POST("/api/v1/practitioners",
                                okafor(npi, null, null, null)), clinic, "staff");
                        return Map.entry(r.getStatus().getCode(), r.body());
                    } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
                        return Map.entry(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
                    }
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            List<String> bodies = new java.util.ArrayList<>();
            for (var answer : answers) {
                Map.Entry<Integer, String> r = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
                statuses.add(r.getKey());
                bodies.add(r.getValue());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(c -> c == 201)).hasSize(1);
            Map<String, Object> page = get(clinic, "/api/v1/practitioners");
            assertThat(page.get("total")).isEqualTo(1);
            String id = (String) items(page).get(0).get("id");
            for (int i = 0; i < copies; i++) {
                if (statuses.get(i) == 409) {
                    assertThat(read(bodies.get(i)).get("extra")).isEqualTo(Map.of("existingId", id));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Two staff opened the same partner and both save: the saves are held at the partner's row until
     * both are in flight, so each read the same version. One lands; the other gets a 412 naming the
     * current version, and its notes overwrite nothing.
     */
    @Test
    void twoStaffEditingOnePartnerNeverSilentlyOverwriteEachOther() throws Exception {
        String clinic = TestClinics.unique("shoreline");
        Map<String, Object> details = okafor(npi(), null, uniquePhone(), null);
        String id = (String) create(clinic, details).get("id");
        HttpResponse<String> opened = exchange(HttpRequest.GET("/api/v1/practitioners/" + id), clinic, "staff");
        String etag = opened.header("ETag");
        assertThat(etag).isEqualTo("\"1\"");

        Map<String, Integer> outcome = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> saves = new java.util.ArrayList<>();
        try (RowLock row = RowLock.on(dataSourceResolver.resolve(dataSource),
                "SELECT id FROM practitioner WHERE id = ? FOR UPDATE", id)) {
            for (String note : List.of("Prefers fax for reports", "Lunch on Thursdays")) {
                Map<String, Object> mine = new HashMap<>(details);
                mine.put("notes", note);
                Thread save = new Thread(() -> outcome.put(note, status(HttpRequest.PUT("/api/v1/practitioners/" + id, mine)
                        .header("If-Match", etag), clinic)));
                save.start();
                saves.add(save);
            }
            row.awaitWaiters(2);
        }
        for (Thread save : saves) {
            save.join(WAIT.toMillis());
        }
        assertThat(outcome.values()).containsExactlyInAnyOrder(200, 412);
        String landed = outcome.entrySet().stream().filter(e -> e.getValue() == 200).findFirst().orElseThrow().getKey();
        Map<String, Object> now = get(clinic, "/api/v1/practitioners/" + id);
        assertThat(now).containsEntry("notes", landed).containsEntry("version", 2);

        // the one who lost is told the current version, and a save on it goes through
        Map<String, Object> stale = problem(412, HttpRequest.PUT("/api/v1/practitioners/" + id, details)
                .header("If-Match", etag), clinic);
        assertThat(((Map<String, Object>) stale.get("extra")).get("currentVersion")).isEqualTo(2);
        assertThat(exchange(HttpRequest.POST("/api/v1/practitioners/" + id + "/archive", Map.of())
                .header("If-Match", "\"2\""), clinic, "staff").header("ETag")).isEqualTo("\"3\"");
    }

    private int status(io.micronaut.http.MutableHttpRequest<?> request, String clinic) {
        try {
            return exchange(request, clinic, "staff").getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void anEditPublishesPractitionerUpdatedWithTheNextVersionButANotesOnlyEditPublishesNothing() {
        String clinic = TestClinics.unique("bellevue");
        Map<String, Object> details = okafor(npi(), null, uniquePhone(), null);
        String id = (String) create(clinic, details).get("id");

        details.put("organization", "Lakeview Women's Health & Birth Center");
        details.put("fax", uniquePhone());
        Map<String, Object> updated = call(HttpRequest.PUT("/api/v1/practitioners/" + id, details), clinic, "staff");
        assertThat(updated.get("organization")).isEqualTo("Lakeview Women's Health & Birth Center");
        assertThat(updated.get("version")).isEqualTo(2);

        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).size() == 1);
        String payload = eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).get(0).payload();
        assertThat(GoldenSamples.shapeDifferences("PractitionerUpdated.v1", payload)).isEmpty();
        assertThat(payload).contains("\"version\":2").contains("Birth Center");

        details.put("notes", "Lunch moved to Thursdays");
        details.put("tags", List.of("vip"));
        Map<String, Object> notesOnly = call(HttpRequest.PUT("/api/v1/practitioners/" + id, details), clinic, "staff");
        assertThat(notesOnly.get("notes")).isEqualTo("Lunch moved to Thursdays");
        assertThat(notesOnly.get("tags")).isEqualTo(List.of("vip"));
        // every edit moves the version, so a second person saving over version 2 gets a 412; this one publishes nothing
        assertThat(notesOnly.get("version")).isEqualTo(3);

        // A stage marker event proves the relay has passed any (wrong) Updated for the notes edit.
        call(HttpRequest.POST("/api/v1/practitioners/" + id + "/stage-changes", Map.of("to", "CONTACTED")), clinic, "staff");
        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 1);
        assertThat(eventsAbout(id, EventTypes.PRACTITIONER_UPDATED)).hasSize(1);

        details.put("stage", "MET");
        Map<String, Object> problem = problem(422, HttpRequest.PUT("/api/v1/practitioners/" + id, details), clinic);
        assertThat(problem.get("errors").toString()).contains("field=stage");
    }

    @Test
    void stageChangesAreKeptWithWhoWhenAndWhyAndPublished() {
        String clinic = TestClinics.unique("renton");
        String id = (String) create(clinic, practitioner("Hannah", "Lindqvist", "DOULA")).get("id");

        Map<String, Object> contacted = call(HttpRequest.POST("/api/v1/practitioners/" + id + "/stage-changes",
                Map.of("to", "CONTACTED", "reason", "Dropped off the referral packet")), clinic, "staff");
        assertThat(contacted.get("stage")).isEqualTo("CONTACTED");
        call(HttpRequest.POST("/api/v1/practitioners/" + id + "/stage-changes",
                Map.of("to", "MET", "reason", "Coffee at her studio")), clinic, "staff");

        List<Map<String, Object>> history = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/practitioners/" + id
                + "/stage-history").header("Authorization", app.rapport.platform.testing.TestTokens.bearer(clinic, "clinician")),
                io.micronaut.core.type.Argument.listOf(JSON_MAP));
        assertThat(history).extracting(h -> h.get("from"), h -> h.get("to"), h -> h.get("reason"), h -> h.get("changedBy"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, "PROSPECT", "Entered the directory", "tester@" + clinic),
                        org.assertj.core.groups.Tuple.tuple("PROSPECT", "CONTACTED", "Dropped off the referral packet", "tester@" + clinic),
                        org.assertj.core.groups.Tuple.tuple("CONTACTED", "MET", "Coffee at her studio", "tester@" + clinic));

        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).size() == 2);
        EventEnvelope last = eventsAbout(id, EventTypes.PRACTITIONER_STAGE_CHANGED).get(1);
        assertThat(GoldenSamples.shapeDifferences("PractitionerStageChanged.v1", last.payload())).isEmpty();
        Map<String, Object> payload = read(last.payload());
        assertThat(payload).containsEntry("from", "CONTACTED").containsEntry("to", "MET")
                .containsEntry("changedBy", "tester@" + clinic).containsEntry("reason", "Coffee at her studio");
        assertThat(payload.get("practitioner").toString()).contains("stage=MET").contains("version=3");

        problem(409, HttpRequest.POST("/api/v1/practitioners/" + id + "/stage-changes", Map.of("to", "MET")), clinic);
        Map<String, Object> bad = problem(400, HttpRequest.POST("/api/v1/practitioners/" + id + "/stage-changes",
                Map.of("to", "BEST_FRIENDS")), clinic);
        assertThat(bad.get("errors").toString()).contains("field=to");
    }

    @Test
    void anArchivedPartnerLeavesTheListsKeepsItsRecordAndIsPublished() {
        String clinic = TestClinics.unique("kent");
        String id = (String) create(clinic, practitioner("Derek", "Vance", "PERSONAL_TRAINER")).get("id");

        Map<String, Object> archived = call(HttpRequest.POST("/api/v1/practitioners/" + id + "/archive",
                Map.of("reason", "Moved his studio to Spokane")), clinic, "staff");
        assertThat(archived).containsEntry("archived", true).containsEntry("archiveReason", "Moved his studio to Spokane");

        assertThat(get(clinic, "/api/v1/practitioners?q=Vance").get("total")).isEqualTo(0);
        assertThat(items(get(clinic, "/api/v1/practitioners?q=Vance&includeArchived=true")))
                .extracting(p -> p.get("id")).containsExactly(id);
        problem(409, HttpRequest.PUT("/api/v1/practitioners/" + id, practitioner("Derek", "Vance", "PERSONAL_TRAINER")), clinic);
        problem(409, HttpRequest.POST("/api/v1/practitioners/" + id + "/archive", Map.of()), clinic);

        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_ARCHIVED).size() == 1);
        String payload = eventsAbout(id, EventTypes.PRACTITIONER_ARCHIVED).get(0).payload();
        assertThat(GoldenSamples.shapeDifferences("PractitionerArchived.v1", payload)).isEmpty();
        assertThat(payload).contains("\"archived\":true").contains("\"version\":2").contains("Spokane");
    }

    @Test
    void anArchivedPartnerIsRestoredWithTheirHistoryAndTheOtherServicesHearOfIt() {
        String clinic = TestClinics.unique("auburn");
        String id = (String) create(clinic, practitioner("Irene", "Castillo", "MASSAGE_THERAPIST")).get("id");
        call(HttpRequest.POST("/api/v1/practitioners/" + id + "/archive", Map.of("reason", "On sabbatical")), clinic, "staff");

        // Only staff restore, as only staff archive; and a partner in use is not "restored".
        problem(403, HttpRequest.POST("/api/v1/practitioners/" + id + "/restore", Map.of()), clinic, "clinician");
        problem(404, HttpRequest.POST("/api/v1/practitioners/" + id + "/restore", Map.of()), TestClinics.unique("renton"));
        Map<String, Object> restored = call(HttpRequest.POST("/api/v1/practitioners/" + id + "/restore", Map.of()), clinic, "staff");
        assertThat(restored).containsEntry("archived", false).containsEntry("stage", "PROSPECT")
                .doesNotContainKey("archiveReason");
        problem(409, HttpRequest.POST("/api/v1/practitioners/" + id + "/restore", Map.of()), clinic);

        // In the directory again, and editable again.
        assertThat(ids("/api/v1/practitioners?q=Castillo", clinic)).containsExactly(id);
        assertThat(call(HttpRequest.PUT("/api/v1/practitioners/" + id, practitioner("Irene", "Castillo", "MASSAGE_THERAPIST")),
                clinic, "staff")).containsEntry("archived", false);

        // The other services' copies take the newer snapshot, so referrals may name her again.
        await().atMost(WAIT).until(() -> eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).stream()
                .anyMatch(e -> e.payload().contains("\"version\":3")));
        String payload = eventsAbout(id, EventTypes.PRACTITIONER_UPDATED).stream()
                .filter(e -> e.payload().contains("\"version\":3")).findFirst().orElseThrow().payload();
        assertThat(GoldenSamples.shapeDifferences("PractitionerUpdated.v1", payload)).isEmpty();
        assertThat(payload).contains("\"archived\":false");
    }

    @Test
    void searchFiltersBySpecialtyStageTagAndFreeTextPagesAndStaysInTheClinic() {
        String clinic = TestClinics.unique("spokane");
        String other = TestClinics.unique("yakima");
        Map<String, Object> okafor = practitioner("Maya", "Okafor", "OB_GYN");
        okafor.put("organization", "Lakeview Women's Health");
        okafor.put("tags", List.of("prenatal"));
        String okaforId = (String) create(clinic, okafor).get("id");
        Map<String, Object> lindqvist = practitioner("Hannah", "Lindqvist", "DOULA");
        lindqvist.put("notes", "Works with Dr. Okafor on home births");
        lindqvist.put("tags", List.of("Prenatal"));
        lindqvist.put("stage", "MET");
        String lindqvistId = (String) create(clinic, lindqvist).get("id");
        String ortegaId = (String) create(clinic, practitioner("Luis", "Ortega", "PRIMARY_CARE")).get("id");
        create(other, okafor);

        assertThat(ids("/api/v1/practitioners", clinic)).containsExactly(lindqvistId, okaforId, ortegaId);
        assertThat(ids("/api/v1/practitioners?specialty=OB_GYN", clinic)).containsExactly(okaforId);
        assertThat(ids("/api/v1/practitioners?stage=MET", clinic)).containsExactly(lindqvistId);
        assertThat(ids("/api/v1/practitioners?tag=PRENATAL", clinic)).containsExactly(lindqvistId, okaforId);
        assertThat(ids("/api/v1/practitioners?q=okafor", clinic)).containsExactly(lindqvistId, okaforId);
        assertThat(ids("/api/v1/practitioners?q=lakeview", clinic)).containsExactly(okaforId);
        assertThat(ids("/api/v1/practitioners?q=Maya%20Okafor", clinic)).containsExactly(okaforId);
        assertThat(ids("/api/v1/practitioners?q=%25", clinic)).isEmpty();
        assertThat(ids("/api/v1/practitioners?tag=prenatal&specialty=DOULA&q=home", clinic)).containsExactly(lindqvistId);

        Map<String, Object> page = get(clinic, "/api/v1/practitioners?size=2&page=1");
        assertThat(page).containsEntry("total", 3).containsEntry("page", 1).containsEntry("size", 2);
        assertThat(items(page)).extracting(p -> p.get("id")).containsExactly(ortegaId);

        assertThat(ids("/api/v1/practitioners?q=okafor", other)).hasSize(1).doesNotContain(okaforId, lindqvistId);
        problem(404, HttpRequest.GET("/api/v1/practitioners/" + okaforId), other);
        problem(404, HttpRequest.PUT("/api/v1/practitioners/" + okaforId, okafor), other);
        problem(404, HttpRequest.POST("/api/v1/practitioners/" + okaforId + "/archive", Map.of()), other);
        Map<String, Object> badFilter = problem(400, HttpRequest.GET("/api/v1/practitioners?specialty=WIZARD"), clinic);
        assertThat(badFilter.get("errors").toString()).contains("field=specialty");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndWritesNothing() {
        String clinic = TestClinics.unique("everett");
        Map<String, Object> noLastName = practitioner("Ana", "", "CHIROPRACTOR");
        assertThat(problem(400, HttpRequest.POST("/api/v1/practitioners", noLastName), clinic).get("errors").toString())
                .contains("field=lastName");
        Map<String, Object> badSpecialty = practitioner("Ana", "Silva", "WITCH_DOCTOR");
        assertThat(problem(400, HttpRequest.POST("/api/v1/practitioners", badSpecialty), clinic).toString())
                .contains("specialty");
        Map<String, Object> badPhone = practitioner("Ana", "Silva", "CHIROPRACTOR");
        badPhone.put("phone", "555-0143");
        assertThat(problem(422, HttpRequest.POST("/api/v1/practitioners", badPhone), clinic).get("errors").toString())
                .contains("field=phone");
        Map<String, Object> badNpi = practitioner("Ana", "Silva", "CHIROPRACTOR");
        badNpi.put("npi", "12345");
        assertThat(problem(400, HttpRequest.POST("/api/v1/practitioners", badNpi), clinic).get("errors").toString())
                .contains("field=npi");
        Map<String, Object> wrongCheckDigit = practitioner("Ana", "Silva", "CHIROPRACTOR");
        wrongCheckDigit.put("npi", "1245319598"); // 1245319599 is valid: one digit mistyped
        Map<String, Object> checkDigit = problem(422, HttpRequest.POST("/api/v1/practitioners", wrongCheckDigit), clinic);
        assertThat(checkDigit.get("errors").toString()).contains("field=npi").contains("not a valid NPI: check digit");
        Map<String, Object> badAddress = practitioner("Ana", "Silva", "CHIROPRACTOR");
        badAddress.put("address", Map.of("line1", "1 Main St", "city", "Seattle", "country", "usa"));
        assertThat(problem(400, HttpRequest.POST("/api/v1/practitioners", badAddress), clinic).get("errors").toString())
                .contains("field=address.country");
        assertThat(get(clinic, "/api/v1/practitioners").get("total")).isEqualTo(0);
    }

    @Test
    void physicianIsDerivedFromSpecialtyAndCredentialsAndStaffCanOverrideIt() {
        String clinic = TestClinics.unique("auburn");
        assertThat(physician(clinic, "DOULA", "CD(DONA)", null)).containsEntry("physician", false);
        assertThat(physician(clinic, "NATUROPATHIC_DOCTOR", "ND", null)).containsEntry("physician", false);
        assertThat(physician(clinic, "MASSAGE_THERAPIST", "LMT", null)).containsEntry("physician", false);
        assertThat(physician(clinic, "CHIROPRACTOR", null, null)).containsEntry("physician", true);
        assertThat(physician(clinic, "OTHER", "D.P.M.", null)).containsEntry("physician", true);
        assertThat(physician(clinic, "NUTRITIONIST", "RD, MD", null)).containsEntry("physician", true);

        Map<String, Object> overridden = physician(clinic, "OB_GYN", "MD", false);
        assertThat(overridden).containsEntry("physician", false).containsEntry("physicianByCredentials", true)
                .containsEntry("physicianOverride", false);
        String id = (String) overridden.get("id");
        await().atMost(WAIT).until(() -> eventsAbout(id).size() == 1);
        assertThat(eventsAbout(id).get(0).payload()).contains("\"physician\":false");
    }

    @Test
    void cliniciansAndGroupAdminsReadButOnlyStaffWrite() {
        String clinic = TestClinics.unique("lakewood");
        String id = (String) create(clinic, practitioner("Luis", "Ortega", "PRIMARY_CARE")).get("id");
        assertThat(get(clinic, "/api/v1/practitioners/" + id, "group-admin").get("lastName")).isEqualTo("Ortega");
        problem(403, HttpRequest.POST("/api/v1/practitioners", practitioner("A", "B", "OTHER")), clinic, "clinician");
        problem(403, HttpRequest.POST("/api/v1/practitioners/" + id + "/archive", Map.of()), clinic, "group-admin");
        problem(403, HttpRequest.GET("/api/v1/practitioners"), clinic, "ops");
        HttpResponse<String> created = exchange(HttpRequest.POST("/api/v1/practitioners",
                practitioner("Ines", "Duarte", "PHYSICAL_THERAPIST")), clinic, "staff");
        assertThat(created.getStatus().getCode()).isEqualTo(201);
        assertThat(created.getHeaders().get("Location")).startsWith("/api/v1/practitioners/");
    }

    private Map<String, Object> physician(String clinic, String specialty, String credentials, Boolean override) {
        Map<String, Object> p = new HashMap<>(practitioner("Pat", "Lee-" + UUID.randomUUID(), specialty));
        if (credentials != null) {
            p.put("credentials", credentials);
        }
        if (override != null) {
            p.put("physicianOverride", override);
        }
        return create(clinic, p);
    }

    private List<Object> ids(String path, String clinic) {
        return items(get(clinic, path)).stream().map(p -> p.get("id")).toList();
    }
}
