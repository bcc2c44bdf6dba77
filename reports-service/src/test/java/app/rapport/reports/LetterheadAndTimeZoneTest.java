package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.TestClinics;
import app.rapport.reports.plugin.PdfReportRenderer;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The clinic's identity and days from its profile (ClinicProfileUpdated): letterhead, logo and
 * signature on the report's PDF and e-mail, and each clinic's own "today" in its time zone. The
 * clock stands at 00:30 UTC on June 15, 2030: already the 15th in Auckland, still the 14th in Los Angeles.
 */
@MicronautTest(transactional = false)
class LetterheadAndTimeZoneTest extends ReportsServiceTest {

    static final Instant NOW = Instant.parse("2030-06-15T00:30:00Z");
    private static final String AUCKLAND = "Pacific/Auckland";
    private static final String LOS_ANGELES = "America/Los_Angeles";

    /** Before each test: the base class puts the clock back to the real time after each. */
    @BeforeEach
    void halfPastMidnightUtcOnJune15() {
        clock.set(NOW);
    }

    @Test
    void eachClinicCountsTodayInItsOwnTimeZone() throws Exception {
        String auckland = TestClinics.unique("auckland");
        String losAngeles = TestClinics.unique("los-angeles");
        referrals.profile(ClinicProfiles.updated(auckland, 3, AUCKLAND, Map.of()), 3);
        referrals.profile(ClinicProfiles.updated(losAngeles, 3, LOS_ANGELES, Map.of()), 3);
        Partners.Referral akl = referrals.received(auckland);
        Partners.Referral lax = referrals.received(losAngeles);

        // A consent recorded without a start day starts today, in the clinic's zone.
        assertThat(api.consent(auckland, akl.patient(), akl.referrerId(), null).get("validFrom").asText()).isEqualTo("2030-06-15");
        assertThat(api.consent(losAngeles, lax.patient(), lax.referrerId(), null).get("validFrom").asText()).isEqualTo("2030-06-14");

        // One from June 15 is valid today in Auckland and only from tomorrow in Los Angeles.
        JsonNode aklConsent = api.consent(auckland, akl.patient(), akl.pcpId(), "2030-06-15");
        JsonNode laxConsent = api.consent(losAngeles, lax.patient(), lax.pcpId(), "2030-06-15");
        assertThat(aklConsent.get("status").asText()).isEqualTo("VALID");
        assertThat(laxConsent.get("status").asText()).isEqualTo("NOT_YET_VALID");
        String aklReport = referrals.reportTo(akl, "PRIMARY_CARE");
        String laxReport = referrals.reportTo(lax, "PRIMARY_CARE");
        assertThat(api.get(auckland, "/api/v1/reports/" + aklReport).get("status").asText()).isEqualTo("DRAFT");
        assertThat(api.get(losAngeles, "/api/v1/reports/" + laxReport).get("status").asText()).isEqualTo("AWAITING_CONSENT");
        writeContent(akl, aklReport);
        writeContent(lax, laxReport);
        assertThat(ClinicianRequests.refusal(() -> send(lax, laxReport, "PRINT")))
                .startsWith("409").contains("consent-required").contains("2030-06-14");
        assertThat(send(akl, aklReport, "PRINT").get("channel").asText()).isEqualTo("PRINT");

        // The letter is dated the day it is sent there; a preview is dated today there.
        assertThat(firstPage(akl, aklReport)).contains("June 15, 2030");
        assertThat(firstPage(lax, laxReport)).contains("June 14, 2030").doesNotContain("June 15, 2030");

        // Analytics' "as of today": the same referral is one day older in Auckland.
        long aklDays = ChronoUnit.DAYS.between(LocalDate.parse("2025-03-03"), LocalDate.parse("2030-06-15"));
        assertThat(dormantDays(auckland, akl.referrerId())).isEqualTo(aklDays);
        assertThat(dormantDays(losAngeles, lax.referrerId())).isEqualTo(aklDays - 1);

        // A thank-you done at 21:18 UTC on Tuesday March 4 was done on Wednesday in Auckland: 2 business days, not 1.
        thankedOnTuesdayEveningUtc(akl);
        thankedOnTuesdayEveningUtc(lax);
        await().atMost(ReceivedReferrals.WAIT).until(() -> turnaround(auckland) != null && turnaround(losAngeles) != null);
        assertThat(turnaround(auckland).get("maxBusinessDays").asInt()).isEqualTo(2);
        assertThat(turnaround(losAngeles).get("maxBusinessDays").asInt()).isEqualTo(1);
    }

    private static void thankedOnTuesdayEveningUtc(Partners.Referral r) {
        Partners.send(Topics.OUTREACH_ACTIVITIES, Partners.event("OutreachTaskCompleted.v1", r.clinic(),
                Map.of(Partners.SAMPLE_TASK, Partners.uuid(), Partners.SAMPLE_REFERRER, r.referrerId(),
                        Partners.SAMPLE_REFERRAL, r.referralId()), Map.of()));
    }

    private JsonNode turnaround(String clinic) {
        JsonNode rows = api.get(clinic, "/api/v1/analytics/thank-you-turnaround").get("rows");
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void aProgressReportDueOnJune15IsOverdueTodayInAucklandNotYetInLosAngeles() {
        String auckland = TestClinics.unique("auckland");
        String losAngeles = TestClinics.unique("los-angeles");
        referrals.profile(ClinicProfiles.updated(auckland, 3, AUCKLAND, Map.of()), 3);
        referrals.profile(ClinicProfiles.updated(losAngeles, 3, LOS_ANGELES, Map.of()), 3);
        Partners.Referral akl = referrals.received(auckland);
        Partners.Referral lax = referrals.received(losAngeles);
        // The referrer wants a report every 6 visits: the sixth is on June 15.
        for (Partners.Referral r : List.of(akl, lax)) {
            for (int i = 1; i <= 6; i++) {
                Partners.send(Topics.REFERRALS, Partners.visit(r, i, "2030-06-" + (9 + i), "145.00"));
            }
        }
        await().atMost(ReceivedReferrals.WAIT).until(() -> !overdue(auckland, "?asOf=2030-06-15").isEmpty()
                && !overdue(losAngeles, "?asOf=2030-06-15").isEmpty());
        assertThat(overdue(auckland, "")).extracting(o -> o.get("dueOn").asText()).contains("2030-06-15");
        assertThat(overdue(losAngeles, "")).isEmpty();
    }

    private List<JsonNode> overdue(String clinic, String query) {
        List<JsonNode> rows = new ArrayList<>();
        api.get(clinic, "/api/v1/reports/overdue" + query).forEach(rows::add);
        return rows;
    }

    @Test
    void beforeItsProfileArrivesAClinicCountsDaysInTheGroupsZoneLikeEveryOtherService() {
        String clinic = TestClinics.unique("no-profile");
        Partners.Referral r = referrals.received(clinic);
        // Unset here, RAPPORT_REPORTS_TIME_ZONE falls back to RAPPORT_CLINIC_TIME_ZONE's default, Los Angeles,
        // where referrals-service dated the referral: still June 14 (in UTC it is already the 15th).
        assertThat(api.consent(clinic, r.patient(), r.referrerId(), null).get("validFrom").asText()).isEqualTo("2030-06-14");
    }

    @Test
    void theReportAndItsEmailCarryTheLetterheadLogoAndTheCliniciansSignature() throws Exception {
        String clinic = TestClinics.unique("harbor");
        referrals.profile(ClinicProfiles.withLogo(ClinicProfiles.updated(clinic, 3, LOS_ANGELES, Map.of())), 3);
        Partners.Referral r = referrals.received(clinic);
        String reportId = referrals.reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId);
        api.consent(clinic, r.patient(), r.referrerId(), null);
        send(r, reportId, "EMAIL");

        String address = "m.okafor@lakeviewwomenshealth.example.com";
        await().atMost(ReceivedReferrals.WAIT).until(() -> mailTo(address).size() == 1);
        MimeMessage mail = mailTo(address).get(0);
        Multipart parts = (Multipart) mail.getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        assertThat(text).contains("Harbor Integrative Health", "Downtown", "1201 Third Avenue", "Suite 400",
                "Seattle, WA 98101", "Phone +12065550100", "Fax +12065550101", "frontdesk@harborintegrative.org",
                "June 14, 2030", "Dear Maya Okafor", "Sincerely,", "Jordan Reyes, DC");
        assertThat(text.indexOf("Harbor Integrative Health")).isLessThan(text.indexOf("Dear Maya Okafor"));
        assertThat(text.indexOf("Sincerely,")).isLessThan(text.lastIndexOf("Jordan Reyes, DC"));
        assertThat(text).doesNotContain("Elena").doesNotContain("Marsh").doesNotContain("The treating clinician");

        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        parts.getBodyPart(1).getInputStream().transferTo(pdf);
        List<String> pages = ReportFlowTest.pagesOf(pdf.toByteArray());
        assertThat(pages.get(0)).contains("Harbor Integrative Health", "Downtown", "1201 Third Avenue", "Suite 400",
                "Seattle, WA 98101", "+12065550100", "+12065550101", "June 14, 2030", "Dear Maya Okafor",
                "Sincerely,", "Jordan Reyes, DC");
        assertThat(pages.get(pages.size() - 1)).contains("Jordan Reyes, DC");
        assertThat(pages).allSatisfy(page -> assertThat(page).contains(PdfReportRenderer.CONFIDENTIAL));
        assertThat(String.join("\n", pages)).doesNotContain("The treating clinician");
        assertThat(imagesOnFirstPage(pdf.toByteArray())).isEqualTo(1);
    }

    @Test
    void aReferralThatNamedNoTreatingClinicianIsSignedByTheClinic() throws Exception {
        String clinic = TestClinics.unique("unsigned");
        referrals.profile(ClinicProfiles.updated(clinic, 3, LOS_ANGELES, Map.of()), 3);
        Partners.Referral r = referrals.received(clinic, Map.of(ReceivedReferrals.TREATING, "\"treatingPractitioner\":null"));
        String reportId = referrals.reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId);
        String first = firstPage(r, reportId);
        assertThat(first.substring(first.indexOf("Sincerely,"))).contains("Harbor Integrative Health");
        assertThat(first).doesNotContain("The treating clinician").doesNotContain("Jordan Reyes");
        // Without a logo the letterhead is text only.
        assertThat(imagesOnFirstPage(api.bytes(clinic, "/api/v1/reports/" + reportId + "/render/pdf", "application/pdf"))).isZero();
    }

    @Test
    void theNewestProfileWinsAndAnOlderOrRedeliveredOneChangesNothing() throws Exception {
        String clinic = TestClinics.unique("versions");
        EventEnvelope v3 = ClinicProfiles.updated(clinic, 3, LOS_ANGELES, Map.of());
        referrals.profile(v3, 3);
        Partners.Referral r = referrals.received(clinic);
        String reportId = referrals.reportTo(r, "REFERRING_PRACTITIONER");
        writeContent(r, reportId);
        assertThat(firstPage(r, reportId)).contains("Harbor Integrative Health");

        EventEnvelope v2 = ClinicProfiles.updated(clinic, 2, AUCKLAND, Map.of("Harbor Integrative Health", "Old Harbor Clinic"));
        Partners.send(Topics.PRACTITIONERS, v2);
        referrals.processed(v2);
        assertThat(firstPage(r, reportId)).contains("Harbor Integrative Health").doesNotContain("Old Harbor Clinic")
                .contains("June 14, 2030"); // still Los Angeles' day

        EventEnvelope v4 = ClinicProfiles.updated(clinic, 4, AUCKLAND, Map.of("Harbor Integrative Health", "Harbor Health Downtown"));
        referrals.profile(v4, 4);
        Partners.send(Topics.PRACTITIONERS, v3); // redelivered: the same event id again
        Partners.send(Topics.PRACTITIONERS, Partners.replayed(v3)); // replayed under a new id: older than what is kept
        EventEnvelope marker = ClinicProfiles.updated(clinic, 1, LOS_ANGELES, Map.of());
        Partners.send(Topics.PRACTITIONERS, marker);
        referrals.processed(marker); // the partition is in order: everything before it was applied or passed over
        assertThat(firstPage(r, reportId)).contains("Harbor Health Downtown", "June 15, 2030")
                .doesNotContain("Harbor Integrative Health");
    }

    private void writeContent(Partners.Referral r, String reportId) {
        api.put(r.clinic(), "/api/v1/reports/" + reportId + "/content", ReportFlowTest.content());
    }

    private JsonNode send(Partners.Referral r, String reportId, String channel) {
        return api.post(r.clinic(), "/api/v1/reports/" + reportId + "/send", Map.of("channel", channel));
    }

    private String firstPage(Partners.Referral r, String reportId) throws Exception {
        return ReportFlowTest.pagesOf(api.bytes(r.clinic(), "/api/v1/reports/" + reportId + "/render/pdf", "application/pdf")).get(0);
    }

    private long dormantDays(String clinic, String partner) {
        for (JsonNode row : api.get(clinic, "/api/v1/analytics/dormant?days=30").get("rows")) {
            if (row.get("practitionerId").asText().equals(partner)) {
                return row.get("daysSinceLastReferral").asLong();
            }
        }
        throw new AssertionError("partner not dormant");
    }

    /** The images drawn on page 1: the logo when the clinic has one. */
    static int imagesOnFirstPage(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDResources resources = doc.getPage(0).getResources();
            int images = 0;
            for (COSName name : resources.getXObjectNames()) {
                if (resources.getXObject(name) instanceof PDImageXObject) {
                    images++;
                }
            }
            return images;
        }
    }
}
