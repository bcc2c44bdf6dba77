package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.testing.GoldenSamples;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The clinic profile and its referral packet PDF, and partner lists imported through the importer plugin. */
@MicronautTest(transactional = false)
class ClinicProfileAndImportTest extends ContactsApi {

    @Test
    void theProfileIsKeptPerClinicAndThePacketIsARealPdfWithWhatPartnersNeedToRefer() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        Map<String, Object> saved = call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Cascade Family Chiropractic")),
                clinic, "staff");
        @SuppressWarnings("unchecked")
        Map<String, Object> location = ((List<Map<String, Object>>) saved.get("locations")).get(0);
        assertThat(location).containsEntry("phone", "+12065550100").containsEntry("fax", "+12065550101");
        assertThat(get(clinic, "/api/v1/clinic-profile", "clinician")).isEqualTo(saved);

        MutableHttpRequest<?> request = HttpRequest.GET("/api/v1/clinic-profile/packet")
                .header("Authorization", TestTokens.bearer(clinic, "clinician"));
        HttpResponse<byte[]> packet = http.toBlocking().exchange(request, byte[].class);
        assertThat(packet.getContentType()).hasValue(MediaType.of("application/pdf"));
        assertThat(packet.getHeaders().get("Content-Disposition")).contains("cascade-family-chiropractic-referral-packet.pdf");
        String text;
        try (PDDocument pdf = Loader.loadPDF(packet.body())) {
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(1);
            text = new PDFTextStripper().getText(pdf);
        }
        assertThat(text).contains("Cascade Family Chiropractic")
                .contains("Prenatal chiropractic care (Webster technique)")
                .contains("Acupuncture for low back pain")
                .contains("Payment is due at the time of service")
                .contains("Sliding scale for uninsured patients")
                .contains("Premera Blue Cross")
                .contains("Fax the referral form to (206) 555-0101")
                .contains("We call your patient within one business day")
                .contains("Women's health")
                .contains("Monday: 8:00 AM - 12:00 PM, 1:00 PM - 6:00 PM")
                .contains("Saturday: 9:00 AM - 1:00 PM")
                .contains("Fax: +12065550101");

        // Another clinic has no profile, and never sees this one.
        String other = TestClinics.unique("tacoma");
        problem(404, HttpRequest.GET("/api/v1/clinic-profile/packet"), other);
        problem(404, HttpRequest.GET("/api/v1/clinic-profile"), other);

        // A second PUT replaces the profile.
        call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Cascade Chiropractic & Acupuncture")), clinic, "staff");
        assertThat(get(clinic, "/api/v1/clinic-profile").get("clinicName")).isEqualTo("Cascade Chiropractic & Acupuncture");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySaveOfTheProfilePublishesClinicProfileUpdatedWithLetterheadTimeZoneLogoAndTheNextVersion() {
        String clinic = TestClinics.unique("seattle-downtown");
        String profileId = java.util.UUID.nameUUIDFromBytes(("clinic-profile:" + clinic)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        Map<String, Object> first = call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Harbor Integrative Health")),
                clinic, "staff");
        // No time zone given: the service's default, kept with the profile.
        assertThat(first).containsEntry("timeZone", "America/Los_Angeles").containsEntry("version", 1);

        await().atMost(WAIT).until(() -> eventsAbout(profileId, EventTypes.CLINIC_PROFILE_UPDATED).size() == 1);
        EventEnvelope created = eventsAbout(profileId, EventTypes.CLINIC_PROFILE_UPDATED).get(0);
        assertThat(created.clinicId()).isEqualTo(clinic);
        assertThat(GoldenSamples.shapeDifferences("ClinicProfileUpdated.v1", created.payload())).isEmpty();
        Map<String, Object> payload = read(created.payload());
        assertThat(payload).containsEntry("profileId", profileId).containsEntry("clinicName", "Harbor Integrative Health")
                .containsEntry("timeZone", "America/Los_Angeles").containsEntry("version", 1)
                .containsEntry("focusNiches", List.of("Women's health", "Sports injuries"));
        assertThat((Map<String, Object>) payload.get("letterhead")).containsEntry("locationName", "Downtown")
                .containsEntry("phone", "+12065550100").containsEntry("fax", "+12065550101")
                .containsEntry("address", Map.of("line1", "1501 4th Ave", "line2", "Suite 210", "city", "Seattle",
                        "region", "WA", "postalCode", "98101", "country", "US"));
        // The packet's plans, policies and hours stay in contacts-service.
        assertThat(created.payload()).doesNotContain("Premera").doesNotContain("MONDAY");

        // A second save, with the clinic's own zone and its logo: the next version, the same profile id.
        byte[] png = image("png", 120, 40, false);
        Map<String, Object> changed = clinicProfile("Harbor Integrative Health");
        changed.put("timeZone", "America/New_York");
        changed.put("logo", logo("image/png", png));
        Map<String, Object> second = call(HttpRequest.PUT("/api/v1/clinic-profile", changed), clinic, "staff");
        assertThat(second).containsEntry("timeZone", "America/New_York").containsEntry("version", 2);
        assertThat(get(clinic, "/api/v1/clinic-profile")).isEqualTo(second);
        assertThat(exchange(HttpRequest.GET("/api/v1/clinic-profile"), clinic, "staff").header("ETag")).isEqualTo("\"2\"");
        // a save made on the first version, after the second: refused, and the profile is the second still
        Map<String, Object> stale = problem(412, HttpRequest.PUT("/api/v1/clinic-profile",
                clinicProfile("Harbor Health")).header("If-Match", "\"1\""), clinic);
        assertThat(((Map<String, Object>) stale.get("extra")).get("currentVersion")).isEqualTo(2);
        assertThat(get(clinic, "/api/v1/clinic-profile")).isEqualTo(second);

        await().atMost(WAIT).until(() -> eventsAbout(profileId, EventTypes.CLINIC_PROFILE_UPDATED).size() == 2);
        Map<String, Object> updated = read(eventsAbout(profileId, EventTypes.CLINIC_PROFILE_UPDATED).get(1).payload());
        assertThat(updated).containsEntry("version", 2).containsEntry("timeZone", "America/New_York")
                .containsEntry("logo", logo("image/png", png));

        // Another clinic's profile is another profile.
        String other = TestClinics.unique("tacoma");
        call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Tacoma Spine")), other, "staff");
        assertThat(get(other, "/api/v1/clinic-profile")).containsEntry("version", 1);
    }

    @Test
    void profilesSavedAtTheSameMomentEachGetTheirOwnVersion() throws Exception {
        String clinic = TestClinics.unique("federal-way");
        int saves = 5;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(saves);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Object>> versions = new java.util.ArrayList<>();
            for (int i = 0; i < saves; i++) {
                String name = "Federal Way Chiropractic " + i;
                versions.add(pool.submit(() -> {
                    start.await();
                    return call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile(name)), clinic, "staff").get("version");
                }));
            }
            start.countDown();
            List<Object> got = new java.util.ArrayList<>();
            for (var v : versions) {
                got.add(v.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(got).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(get(clinic, "/api/v1/clinic-profile")).containsEntry("version", 5);
    }

    @Test
    void thePacketCarriesTheLogoAndTheLetterheadAtTheTop() throws Exception {
        String clinic = TestClinics.unique("everett");
        Map<String, Object> withLogo = clinicProfile("Cascade Family Chiropractic");
        withLogo.put("logo", logo("image/jpeg", image("jpg", 90, 30, false)));
        call(HttpRequest.PUT("/api/v1/clinic-profile", withLogo), clinic, "staff");

        byte[] packet = http.toBlocking().exchange(HttpRequest.GET("/api/v1/clinic-profile/packet")
                .header("Authorization", TestTokens.bearer(clinic, "clinician")), byte[].class).body();
        try (PDDocument pdf = Loader.loadPDF(packet)) {
            var resources = pdf.getPage(0).getResources();
            assertThat(resources.getXObjectNames()).anySatisfy(name -> assertThat(resources.isImageXObject(name)).isTrue());
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text.indexOf("Cascade Family Chiropractic")).isBetween(0, text.indexOf("Referral information for our partners"));
            assertThat(text.indexOf("1501 4th Ave, Suite 210")).isBetween(0, text.indexOf("How to refer"));
            assertThat(text.indexOf("Phone (206) 555-0100 · Fax (206) 555-0101")).isBetween(0, text.indexOf("How to refer"));
        }
    }

    @Test
    void aBadTimeZoneOrLogoIsA422NamingTheFieldAndNothingIsSavedOrPublished() {
        String clinic = TestClinics.unique("yakima");
        String profileId = java.util.UUID.nameUUIDFromBytes(("clinic-profile:" + clinic)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        List<Map.Entry<String, Object>> bad = List.of(
                Map.entry("timeZone", "Pacific Time"),
                Map.entry("timeZone", "+02:00"),
                Map.entry("logo", logo("image/gif", image("png", 10, 10, false))),
                Map.entry("logo", logo("image/png", image("jpg", 10, 10, false))),      // a JPEG said to be a PNG
                Map.entry("logo", logo("image/png", "not an image at all".getBytes())),
                Map.entry("logo", logo("image/png", image("png", 200, 200, true))),     // about 117 KiB
                Map.entry("logo", Map.of("mediaType", "image/png", "base64", "%%% not base64 %%%")));
        List<String> fields = List.of("timeZone", "timeZone", "logo.mediaType", "logo.mediaType", "logo.base64",
                "logo.base64", "logo.base64");
        for (int i = 0; i < bad.size(); i++) {
            Map<String, Object> body = clinicProfile("Yakima Valley Wellness");
            body.put(bad.get(i).getKey(), bad.get(i).getValue());
            Map<String, Object> problem = problem(422, HttpRequest.PUT("/api/v1/clinic-profile", body), clinic);
            assertThat(problem.get("errors").toString()).as(bad.get(i).getKey() + " #" + i)
                    .contains("field=" + fields.get(i));
        }
        problem(404, HttpRequest.GET("/api/v1/clinic-profile"), clinic);

        // A logo of exactly what it claims, and a real zone, are taken; the event is the first and only one.
        // Base64 as a mail program wraps it is fine; it travels unwrapped, as the event's schema bounds it.
        byte[] jpeg = image("jpg", 60, 60, true);
        Map<String, Object> good = clinicProfile("Yakima Valley Wellness");
        good.put("timeZone", "America/Chicago");
        good.put("logo", Map.of("mediaType", "image/jpeg", "base64", java.util.Base64.getMimeEncoder().encodeToString(jpeg)));
        assertThat(call(HttpRequest.PUT("/api/v1/clinic-profile", good), clinic, "staff")).containsEntry("version", 1);
        await().atMost(WAIT).until(() -> eventsAbout(profileId, EventTypes.CLINIC_PROFILE_UPDATED).size() == 1);
        assertThat(read(eventsAbout(profileId).get(0).payload())).containsEntry("version", 1)
                .containsEntry("timeZone", "America/Chicago").containsEntry("logo", logo("image/jpeg", jpeg));
    }

    @Test
    void aBadProfileIsAProblemNamingTheFieldAndOnlyStaffChangeIt() {
        String clinic = TestClinics.unique("olympia");
        Map<String, Object> closesBeforeOpening = new java.util.HashMap<>(clinicProfile("Olympia Wellness"));
        closesBeforeOpening.put("locations", List.of(Map.of("name", "Main", "address",
                Map.of("line1", "1 Capitol Way", "city", "Olympia", "country", "US"),
                "hours", List.of(Map.of("day", "MONDAY", "opens", "18:00", "closes", "08:00")))));
        assertThat(problem(422, HttpRequest.PUT("/api/v1/clinic-profile", closesBeforeOpening), clinic)
                .get("errors").toString()).contains("field=locations[0].hours[0].closes");
        Map<String, Object> noServices = new java.util.HashMap<>(clinicProfile("Olympia Wellness"));
        noServices.put("servicesOffered", List.of());
        assertThat(problem(400, HttpRequest.PUT("/api/v1/clinic-profile", noServices), clinic)
                .get("errors").toString()).contains("servicesOffered");
        problem(403, HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Olympia Wellness")), clinic, "clinician");
        problem(404, HttpRequest.GET("/api/v1/clinic-profile"), clinic);
    }

    private Map<String, Object> importCsv(String clinic, String csv) {
        return call(HttpRequest.POST("/api/v1/practitioner-imports?format=csv", csv)
                .contentType(MediaType.of("text/csv")), clinic, "staff");
    }

    @Test
    void aCsvPartnerListKeepsGoodRowsReportsBadOnesByLineAndNeverDoublesAPartner() {
        String clinic = TestClinics.unique("bellevue");
        String known = (String) create(clinic, Map.of("firstName", "Maya", "lastName", "Okafor", "specialty", "OB_GYN",
                "npi", "1902847569")).get("id");
        String csv = """
                firstName,lastName,credentials,specialty,organization,npi,email,phone,fax,tags,notes
                Hannah,Lindqvist,CD(DONA),Doula,Birthwell,,hannah@birthwell.example.org,(425) 555-0188,,prenatal;home-birth,"Ask about
                the postpartum group"
                Maya,Okafor,MD,OB/GYN,Lakeview,1902847569,,,,,
                Cosmo,Star,,Astrologer,,,,,,,
                Luis,Ortega,MD,Primary care,,,luis@ortega.example.com,,,,
                Luis,Ortega,MD,Primary care,,,LUIS@ortega.example.com,,,,
                Ana,Silva,DC,Chiropractor,,,not-an-email,,,,
                Ina,Park,,Nutritionist,,,,555-0100,,,
                ,Nobody,,Doula,,,,,,,
                Rae,Ngo,MD,Family practice,,1902847563,,,,,
                Maya,O'Kafor,,OB/GYN,,,,,,,
                """;
        Map<String, Object> report = importCsv(clinic, csv);

        assertThat(report).containsEntry("imported", 2).containsEntry("importer", "csv-practitioner-importer");
        @SuppressWarnings("unchecked")
        List<String> importedIds = (List<String>) report.get("importedIds");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> duplicates = (List<Map<String, Object>>) report.get("duplicates");
        assertThat(duplicates).extracting(d -> d.get("line"), d -> d.get("existingId")).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, known),
                org.assertj.core.groups.Tuple.tuple(7, importedIds.get(1)),
                org.assertj.core.groups.Tuple.tuple(12, known));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rejected = (List<Map<String, Object>>) report.get("rejected");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(5, 8, 9, 10, 11);
        assertThat(rejected.get(0).get("reason").toString()).startsWith("specialty:");
        assertThat(rejected.get(1).get("reason").toString()).startsWith("email:");
        assertThat(rejected.get(2).get("reason").toString()).startsWith("phone:");
        assertThat(rejected.get(3).get("reason").toString()).startsWith("firstName:");
        assertThat(rejected.get(4).get("reason").toString()).isEqualTo("npi: not a valid NPI: check digit");

        Map<String, Object> hannah = get(clinic, "/api/v1/practitioners/" + importedIds.get(0));
        assertThat(hannah).containsEntry("phone", "+14255550188").containsEntry("specialty", "DOULA")
                .containsEntry("notes", "Ask about\nthe postpartum group").containsEntry("stage", "PROSPECT");
        assertThat(hannah.get("tags")).isEqualTo(List.of("home-birth", "prenatal"));
        await().atMost(WAIT).until(() -> eventsAbout(importedIds.get(0), EventTypes.PRACTITIONER_REGISTERED).size() == 1);

        // The same file again enters nobody twice.
        Map<String, Object> again = importCsv(clinic, csv);
        assertThat(again).containsEntry("imported", 0);
        assertThat((List<?>) again.get("duplicates")).hasSize(5);
        assertThat(get(clinic, "/api/v1/practitioners").get("total")).isEqualTo(3);

        // Another clinic's import sees none of this clinic's partners.
        String other = TestClinics.unique("kirkland");
        Map<String, Object> theirs = importCsv(other, csv);
        // There, the partner typed without NPI or organization is not Lakeview's Dr. Okafor: four are entered.
        assertThat(theirs).containsEntry("imported", 4);
        assertThat((List<?>) theirs.get("duplicates")).hasSize(1);
        assertThat(theirs.toString()).doesNotContain(known).doesNotContain(importedIds.get(0));
    }

    @Test
    void theImporterIsAPluginAClinicCanSwitchOffAndAnUnknownFormatIsNamed() {
        String clinic = TestClinics.unique("redmond");
        Map<String, Object> plugins = get(clinic, "/api/v1/plugins");
        assertThat(items(plugins)).anySatisfy(p -> assertThat(p).containsEntry("name", "csv-practitioner-importer")
                .containsEntry("extensionPoint", "practitioner-importer").containsEntry("enabled", true));

        call(HttpRequest.PUT("/api/v1/plugins/csv-practitioner-importer", Map.of("enabled", false)), clinic, "staff");
        String csv = "firstName,lastName,specialty\nMaya,Okafor,OB_GYN\n";
        Map<String, Object> off = problem(409, HttpRequest.POST("/api/v1/practitioner-imports?format=csv", csv)
                .contentType(MediaType.of("text/csv")), clinic);
        assertThat(off.get("detail").toString()).contains("csv-practitioner-importer").contains("switched off");
        assertThat(get(clinic, "/api/v1/practitioners").get("total")).isEqualTo(0);

        // Switched off for that clinic only.
        String other = TestClinics.unique("issaquah");
        assertThat(importCsv(other, csv)).containsEntry("imported", 1);

        Map<String, Object> unknown = problem(422, HttpRequest.POST("/api/v1/practitioner-imports?format=xlsx", csv)
                .contentType(MediaType.of("text/csv")), clinic);
        assertThat(unknown.get("errors").toString()).contains("field=format");
        problem(403, HttpRequest.POST("/api/v1/practitioner-imports?format=csv", csv)
                .contentType(MediaType.of("text/csv")), other, "clinician");
    }
}
