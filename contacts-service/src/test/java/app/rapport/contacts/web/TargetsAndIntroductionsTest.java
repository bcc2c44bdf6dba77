package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.TestClinics;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Niche targeting with the clinic's own focus map, and introductions ("who else do you trust?"). */
@MicronautTest(transactional = false)
class TargetsAndIntroductionsTest extends ContactsApi {

    private String partner(String clinic, String first, String last, String specialty, String stage) {
        Map<String, Object> p = practitioner(first, last, specialty);
        p.put("stage", stage);
        return (String) create(clinic, p).get("id");
    }

    @SuppressWarnings("unchecked")
    private List<Object> partnerIds(Map<String, Object> targets) {
        return items((Map<String, Object>) targets.get("partners")).stream().map(p -> p.get("id")).toList();
    }

    @Test
    void womensHealthTargetsObGynsAndDoulasWithProspectsNotYetContactedFirstAndOnlyThisClinics() {
        String clinic = TestClinics.unique("seattle-downtown");
        String other = TestClinics.unique("tacoma");
        String met = partner(clinic, "Maya", "Okafor", "OB_GYN", "MET");
        String prospect = partner(clinic, "Zoe", "Young", "OB_GYN", "PROSPECT");
        String contacted = partner(clinic, "Hannah", "Lindqvist", "DOULA", "CONTACTED");
        String referring = partner(clinic, "Ava", "Brooks", "DOULA", "REFERRING");
        String anotherProspect = partner(clinic, "Ruth", "Adams", "DOULA", "PROSPECT");
        partner(clinic, "Ines", "Duarte", "PHYSICAL_THERAPIST", "PROSPECT");
        String archived = partner(clinic, "Old", "Archer", "OB_GYN", "PROSPECT");
        call(HttpRequest.POST("/api/v1/practitioners/" + archived + "/archive", Map.of()), clinic, "staff");
        partner(other, "Other", "Clinic", "OB_GYN", "PROSPECT");

        Map<String, Object> targets = get(clinic, "/api/v1/targets?focus=WOMENS_HEALTH", "clinician");
        assertThat(targets.get("focus")).isEqualTo("WOMENS_HEALTH");
        assertThat(targets.get("specialties")).isEqualTo(List.of("OB_GYN", "DOULA"));
        assertThat(targets.get("source")).isEqualTo("DEFAULT");
        assertThat(partnerIds(targets)).containsExactly(anotherProspect, prospect, contacted, met, referring);

        assertThat(get(clinic, "/api/v1/targets?focus=DEPRESSION_ANXIETY").get("specialties"))
                .isEqualTo(List.of("MENTAL_HEALTH_COUNSELOR", "PSYCHIATRIST"));
        assertThat(get(clinic, "/api/v1/targets?focus=WEIGHT_LOSS").get("specialties"))
                .isEqualTo(List.of("PERSONAL_TRAINER", "NUTRITIONIST"));
        for (String focus : List.of("PAIN", "FERTILITY", "SPORTS_INJURY")) {
            assertThat((List<?>) get(clinic, "/api/v1/targets?focus=" + focus).get("specialties")).as(focus).isNotEmpty();
        }

        Map<String, Object> paged = get(clinic, "/api/v1/targets?focus=WOMENS_HEALTH&size=2&page=0");
        assertThat(partnerIds(paged)).containsExactly(anotherProspect, prospect);
        assertThat(((Map<?, ?>) paged.get("partners")).get("total")).isEqualTo(5);

        assertThat(partnerIds(get(other, "/api/v1/targets?focus=WOMENS_HEALTH"))).hasSize(1)
                .doesNotContain(met, prospect, contacted, referring, anotherProspect);
    }

    @Test
    void aProspectAlreadyContactedComesAfterTheOnesNeverContacted() {
        String clinic = TestClinics.unique("everett");
        String contactedProspect = partner(clinic, "Amy", "Abbott", "NUTRITIONIST", "PROSPECT");
        String freshProspect = partner(clinic, "Zed", "Zimmer", "NUTRITIONIST", "PROSPECT");
        app.rapport.platform.testing.KafkaProbe.send(app.rapport.platform.events.Topics.OUTREACH_ACTIVITIES,
                GoldenSamples.event("OutreachTaskCompleted.v1", clinic,
                        Map.of("3c659de6-c9d5-48e0-8306-d57f7893908f", contactedProspect)));
        await().atMost(WAIT).until(() -> get(clinic, "/api/v1/practitioners/" + contactedProspect).get("lastContactAt") != null);

        assertThat(partnerIds(get(clinic, "/api/v1/targets?focus=WEIGHT_LOSS")))
                .containsExactly(freshProspect, contactedProspect);
    }

    @Test
    void aClinicChangesAFocusOrDefinesItsOwnWithoutTouchingOtherClinics() {
        String clinic = TestClinics.unique("bellevue");
        String other = TestClinics.unique("renton");
        String massage = partner(clinic, "Lena", "Moss", "MASSAGE_THERAPIST", "PROSPECT");
        String counselor = partner(clinic, "Sam", "Reed", "MENTAL_HEALTH_COUNSELOR", "MET");

        Map<String, Object> changed = call(HttpRequest.PUT("/api/v1/target-focuses/WOMENS_HEALTH",
                Map.of("specialties", List.of("OB_GYN", "DOULA", "MASSAGE_THERAPIST"))), clinic, "staff");
        assertThat(changed).containsEntry("source", "CLINIC_OVERRIDE").containsEntry("version", 1);
        // a change made on the default (version 0) after someone else's save is a 412 and writes nothing
        Map<String, Object> stale = problem(412, HttpRequest.PUT("/api/v1/target-focuses/WOMENS_HEALTH",
                Map.of("specialties", List.of("CHIROPRACTOR"))).header("If-Match", "\"0\""), clinic);
        assertThat(((Map<String, Object>) stale.get("extra")).get("currentVersion")).isEqualTo(1);
        assertThat(partnerIds(get(clinic, "/api/v1/targets?focus=WOMENS_HEALTH"))).containsExactly(massage);
        assertThat(get(other, "/api/v1/targets?focus=WOMENS_HEALTH").get("specialties")).isEqualTo(List.of("OB_GYN", "DOULA"));

        call(HttpRequest.PUT("/api/v1/target-focuses/POSTPARTUM",
                Map.of("specialties", List.of("DOULA", "MENTAL_HEALTH_COUNSELOR"))), clinic, "staff");
        Map<String, Object> postpartum = get(clinic, "/api/v1/targets?focus=POSTPARTUM");
        assertThat(postpartum).containsEntry("source", "CLINIC_DEFINED");
        assertThat(partnerIds(postpartum)).containsExactly(counselor);
        List<Map<String, Object>> map = http.toBlocking().retrieve(HttpRequest.GET("/api/v1/target-focuses")
                .header("Authorization", app.rapport.platform.testing.TestTokens.bearer(clinic, "staff")), Argument.listOf(JSON_MAP));
        assertThat(map).extracting(f -> f.get("focus")).contains("WOMENS_HEALTH", "PAIN", "DEPRESSION_ANXIETY",
                "WEIGHT_LOSS", "FERTILITY", "SPORTS_INJURY", "POSTPARTUM");
        assertThat(problem(422, HttpRequest.GET("/api/v1/targets?focus=POSTPARTUM"), other).get("errors").toString())
                .contains("field=focus");

        assertThat(problem(422, HttpRequest.PUT("/api/v1/target-focuses/post-partum",
                Map.of("specialties", List.of("DOULA"))), clinic).get("errors").toString()).contains("field=focus");
        assertThat(problem(400, HttpRequest.PUT("/api/v1/target-focuses/TMJ",
                Map.of("specialties", List.of())), clinic).get("errors").toString()).contains("field=specialties");
        problem(403, HttpRequest.PUT("/api/v1/target-focuses/TMJ", Map.of("specialties", List.of("DOULA"))), clinic, "clinician");
        assertThat(problem(400, HttpRequest.GET("/api/v1/targets"), clinic).toString()).contains("focus");

        exchange(HttpRequest.DELETE("/api/v1/target-focuses/WOMENS_HEALTH"), clinic, "staff");
        assertThat(get(clinic, "/api/v1/targets?focus=WOMENS_HEALTH")).containsEntry("source", "DEFAULT")
                .containsEntry("specialties", List.of("OB_GYN", "DOULA"));
        exchange(HttpRequest.DELETE("/api/v1/target-focuses/POSTPARTUM"), clinic, "staff");
        problem(422, HttpRequest.GET("/api/v1/targets?focus=POSTPARTUM"), clinic);
        problem(404, HttpRequest.DELETE("/api/v1/target-focuses/PAIN"), clinic);
    }

    @Test
    void aPartnersIntroductionEntersAProspectLinkedToThemAndIsPublishedAfterTheRegistration() {
        String clinic = TestClinics.unique("olympia");
        String okafor = partner(clinic, "Maya", "Okafor", "OB_GYN", "REFERRING");
        Map<String, Object> hannah = practitioner("Hannah", "Lindqvist", "DOULA");
        hannah.put("credentials", "CD(DONA)");
        hannah.put("stage", "MET"); // an introduced practitioner starts as a prospect whatever is sent
        hannah.put("email", "hannah@birthwell.example.org");

        Map<String, Object> introduction = call(HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("practitioner", hannah, "note", "Dr. Okafor works with Hannah on most home births")), clinic, "staff");
        @SuppressWarnings("unchecked")
        Map<String, Object> introduced = (Map<String, Object>) introduction.get("practitioner");
        String hannahId = (String) introduced.get("id");
        assertThat(introduced).containsEntry("stage", "PROSPECT").containsEntry("introducedByPractitionerId", okafor)
                .containsEntry("physician", false);
        assertThat(introduction).containsEntry("introducedByPractitionerId", okafor)
                .containsEntry("note", "Dr. Okafor works with Hannah on most home births");

        String ortega = partner(clinic, "Luis", "Ortega", "PRIMARY_CARE", "PROSPECT");
        call(HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("practitionerId", ortega, "note", "Her patients' usual PCP")), clinic, "staff");

        Map<String, Object> list = get(clinic, "/api/v1/practitioners/" + okafor + "/introductions", "clinician");
        assertThat(list.get("total")).isEqualTo(2);
        assertThat(items(list)).extracting(i -> (Object) ((Map<?, ?>) i.get("practitioner")).get("id"))
                .containsExactlyInAnyOrder(hannahId, ortega);
        assertThat(get(clinic, "/api/v1/practitioners/" + ortega + "/introductions").get("total")).isEqualTo(0);

        await().atMost(WAIT).until(() -> eventsAbout(hannahId).size() == 2);
        List<EventEnvelope> events = eventsAbout(hannahId);
        assertThat(events).extracting(EventEnvelope::type)
                .containsExactly(EventTypes.PRACTITIONER_REGISTERED, EventTypes.INTRODUCTION_RECORDED);
        assertThat(GoldenSamples.shapeDifferences("IntroductionRecorded.v1", events.get(1).payload())).isEmpty();
        assertThat(read(events.get(1).payload())).containsEntry("practitionerId", hannahId)
                .containsEntry("introducedByPractitionerId", okafor);

        // The same recommendation again, or a practitioner already known, is a 409 naming them.
        Map<String, Object> again = problem(409, HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("practitioner", hannah)), clinic);
        assertThat(again.get("extra")).isEqualTo(Map.of("existingId", hannahId));
        problem(409, HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("practitionerId", ortega)), clinic);
        assertThat(problem(422, HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("note", "nobody")), clinic).get("errors").toString()).contains("field=practitioner");

        String other = TestClinics.unique("yakima");
        problem(404, HttpRequest.GET("/api/v1/practitioners/" + okafor + "/introductions"), other);
        problem(404, HttpRequest.POST("/api/v1/practitioners/" + okafor + "/introductions",
                Map.of("practitioner", practitioner("X", "Y", "OTHER"))), other);
        assertThat(get(other, "/api/v1/practitioners").get("total")).isEqualTo(0);
    }
}
