package app.rapport.contacts.web;

import app.rapport.contacts.support.ContactsApi;
import app.rapport.platform.testing.TestClinics;
import app.rapport.platform.testing.TestTokens;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packet's cover letter to one partner, as a PDF and as e-mail text, dated where the clinic is. */
@MicronautTest(transactional = false)
class CoverLetterTest extends ContactsApi {

    /** New Year's Eve evening in Seattle is already New Year's Day in UTC and in Berlin. */
    static final Instant WRITTEN_AT = Instant.parse("2031-01-01T06:30:00Z");

    @MockBean(Clock.class)
    Clock clock() {
        return Clock.fixed(WRITTEN_AT, ZoneOffset.UTC);
    }

    private String okafor(String clinic) {
        Map<String, Object> p = practitioner("Maya", "Okafor", "OB_GYN");
        p.put("credentials", "MD, FACOG");
        p.put("organization", "Lakeview Women's Health");
        p.put("address", Map.of("line1", "1420 Eastlake Ave E", "line2", "Suite 300", "city", "Seattle",
                "region", "WA", "postalCode", "98102", "country", "US"));
        return (String) create(clinic, p).get("id");
    }

    private static String path(String practitionerId, String signerName, String credentials) {
        return "/api/v1/clinic-profile/cover-letter?practitionerId=" + practitionerId
                + (signerName == null ? "" : "&signerName=" + URLEncoder.encode(signerName, StandardCharsets.UTF_8))
                + (credentials == null ? "" : "&signerCredentials=" + URLEncoder.encode(credentials, StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> letter(String clinic, String path, String accept) {
        return http.toBlocking().exchange(HttpRequest.GET(path).accept(accept)
                .header("Authorization", TestTokens.bearer(clinic, "clinician")), byte[].class);
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void theLetterIsOnTheLetterheadDatedInTheClinicsZoneAddressedToThePartnerAndSignedByTheClinician() throws Exception {
        String clinic = TestClinics.unique("seattle-downtown");
        call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Cascade Family Chiropractic")), clinic, "staff");
        String id = okafor(clinic);

        HttpResponse<byte[]> pdf = letter(clinic, path(id, "Sam Reyes", "DC, MS"), "application/pdf");
        assertThat(pdf.getContentType()).hasValue(MediaType.of("application/pdf"));
        // Lines wrap where the page ends: compare the words, not the line breaks.
        String text = pdfText(pdf.body()).replaceAll("\\s+", " ");
        List<String> inOrder = List.of(
                "Cascade Family Chiropractic",                        // letterhead
                "1501 4th Ave, Suite 210",
                "Phone (206) 555-0100 · Fax (206) 555-0101",
                "December 31, 2030",                                  // still the 31st in Seattle
                "Maya Okafor, MD, FACOG",
                "Lakeview Women's Health",
                "1420 Eastlake Ave E, Suite 300",
                "Seattle, WA 98102",
                "Dear Dr. Okafor,",
                "referral packet",
                "Prenatal chiropractic care (Webster technique) and Acupuncture for low back pain",
                "Women's health and Sports injuries",
                "To refer a patient:",
                "Fax the referral form to (206) 555-0101",
                "We call your patient within one business day",
                "Warm regards,",
                "Sam Reyes, DC, MS");
        int at = -1;
        for (String expected : inOrder) {
            int next = text.indexOf(expected, at + 1);
            assertThat(next).as("'" + expected + "' after position " + at + " in:\n" + text).isGreaterThan(at);
            at = next;
        }
        assertThat(text).doesNotContain("treating clinician");

        // The same letter as the text of an e-mail.
        HttpResponse<byte[]> email = letter(clinic, path(id, "Sam Reyes", "DC, MS"), "text/plain");
        assertThat(email.getContentType().map(MediaType::getName)).hasValue("text/plain");
        String body = new String(email.body(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("Cascade Family Chiropractic\n1501 4th Ave, Suite 210\n")
                .contains("\nDecember 31, 2030\n").contains("\nMaya Okafor, MD, FACOG\nLakeview Women's Health\n")
                .contains("\nDear Dr. Okafor,\n").contains("- Fax the referral form to (206) 555-0101\n")
                .endsWith("Warm regards,\n\nSam Reyes, DC, MS\nCascade Family Chiropractic\n");

        // The clinic's own zone decides the day: in Berlin it is already New Year's Day.
        Map<String, Object> berlin = clinicProfile("Cascade Family Chiropractic");
        berlin.put("timeZone", "Europe/Berlin");
        call(HttpRequest.PUT("/api/v1/clinic-profile", berlin), clinic, "staff");
        assertThat(new String(letter(clinic, path(id, "Sam Reyes", null), "text/plain").body(), StandardCharsets.UTF_8))
                .contains("\nJanuary 1, 2031\n").contains("\nSam Reyes\nCascade Family Chiropractic\n");
    }

    @Test
    void aPartnerWhoIsNoDoctorIsGreetedByNameAndTheLetterCarriesTheLogo() throws Exception {
        String clinic = TestClinics.unique("tacoma");
        Map<String, Object> profile = clinicProfile("Tacoma Prenatal Chiropractic");
        profile.put("logo", logo("image/png", image("png", 120, 40, false)));
        call(HttpRequest.PUT("/api/v1/clinic-profile", profile), clinic, "staff");
        Map<String, Object> doula = practitioner("Hannah", "Lindqvist", "DOULA");
        doula.put("credentials", "CD(DONA)");
        String id = (String) create(clinic, doula).get("id");

        byte[] pdf = letter(clinic, path(id, "Ana Silva", "DC"), "application/pdf").body();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            var resources = document.getPage(0).getResources();
            assertThat(resources.getXObjectNames()).anySatisfy(name -> assertThat(resources.isImageXObject(name)).isTrue());
            assertThat(new PDFTextStripper().getText(document)).contains("Dear Hannah Lindqvist,")
                    .contains("Hannah Lindqvist, CD(DONA)");
        }
    }

    @Test
    void noSignerIsA422AndAPartnerUnknownArchivedOrOfAnotherClinicIsA404() {
        String clinic = TestClinics.unique("olympia");
        String other = TestClinics.unique("renton");
        call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Olympia Wellness")), clinic, "staff");
        call(HttpRequest.PUT("/api/v1/clinic-profile", clinicProfile("Renton Spine")), other, "staff");
        String id = okafor(clinic);

        assertThat(problem(422, HttpRequest.GET(path(id, null, "DC")), clinic).get("errors").toString())
                .contains("field=signerName");
        assertThat(problem(422, HttpRequest.GET(path(id, "  ", null)), clinic).get("errors").toString())
                .contains("field=signerName");
        problem(404, HttpRequest.GET(path(id, "Sam Reyes", null)), other);
        problem(404, HttpRequest.GET(path("9d0c3f5e-0000-4000-8000-000000000000", "Sam Reyes", null)), clinic);
        call(HttpRequest.POST("/api/v1/practitioners/" + id + "/archive", Map.of()), clinic, "staff");
        problem(404, HttpRequest.GET(path(id, "Sam Reyes", null)), clinic);

        // A clinic without a profile has no letterhead to print on.
        String bare = TestClinics.unique("kent");
        String partner = okafor(bare);
        assertThat(problem(404, HttpRequest.GET(path(partner, "Sam Reyes", null)), bare).get("detail").toString())
                .contains("no profile yet");
    }
}
