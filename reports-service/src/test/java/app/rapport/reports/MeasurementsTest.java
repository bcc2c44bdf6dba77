package app.rapport.reports;

import app.rapport.platform.events.Topics;
import app.rapport.platform.testing.RapportTestProperties;
import app.rapport.platform.testing.TestClinics;
import app.rapport.reports.domain.ClinicCalendar;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Objective measures recorded per visit against the real database and broker: recorded, listed,
 * corrected and deleted within the clinic; refused naming the field when impossible; and the
 * source of the report's measures table, its PDF chart and its FHIR Observations.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasurementsTest implements TestPropertyProvider {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RECEIVED_ON = "2025-03-03";

    @Inject
    @Client("/")
    HttpClient http;
    @Inject
    ClinicCalendar calendar;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> props = new HashMap<>(RapportTestProperties.forService("reports"));
        // application.yml fixes the port (8084): a random one lets this class run beside another test JVM.
        props.put("micronaut.server.port", "-1");
        return props;
    }

    // ---- recording -------------------------------------------------------------------------

    @Test
    void aMeasurementIsRecordedListedCorrectedAndDeletedAndWhoMeasuredDefaultsToTheCaller() {
        Partners.Referral r = receivedReferral("olympia");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());

        JsonNode first = api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 7, "2025-03-03", null, 1));
        assertThat(first.get("measuredBy").asText()).isEqualTo(api.user());
        assertThat(first.get("name").asText()).isEqualTo("Pain severity (NRS 0-10)");
        assertThat(first.get("unit").asText()).isEqualTo("{score}");
        assertThat(first.get("recordedBy").asText()).isEqualTo(api.user());
        // Front-desk staff key in questionnaire scores too, naming who took them.
        JsonNode second = api.as("staff").post("/api/v1/measurements",
                measurement(r, "OSWESTRY_DISABILITY_INDEX", 42, "2025-03-17", "Dr. Ana Ruiz", 5));
        assertThat(second.get("measuredBy").asText()).isEqualTo("Dr. Ana Ruiz");
        assertThat(second.get("recordedBy").asText()).isEqualTo(api.user());
        // Operators run the service; they do not write patients' measurements.
        assertThat(ClinicApi.refused(() -> api.as("ops").post("/api/v1/measurements",
                measurement(r, "PAIN_NRS", 4, "2025-03-05", null, 2))).status()).isEqualTo(403);

        JsonNode listed = api.get("/api/v1/measurements?referralId=" + r.referralId());
        assertThat(listed.get("total").asInt()).isEqualTo(2);
        assertThat(listed.get("items")).extracting(m -> m.get("measuredOn").asText())
                .containsExactly("2025-03-03", "2025-03-17");

        // A typo fixed by someone else: the value changes, who measured it stays.
        JsonNode corrected = api.as("staff").put("/api/v1/measurements/" + first.get("id").asText(),
                correction("PAIN_NRS", 8, "2025-03-03", null, 1));
        assertThat(corrected.get("value").decimalValue()).isEqualByComparingTo("8");
        assertThat(corrected.get("measuredBy").asText()).isEqualTo(api.user());
        assertThat(corrected.get("correctedBy").asText()).isEqualTo(api.user());
        assertThat(corrected.get("correctedAt").asText()).isNotBlank();

        assertThat(api.delete("/api/v1/measurements/" + second.get("id").asText())).isEqualTo(204);
        JsonNode after = api.get("/api/v1/measurements?referralId=" + r.referralId());
        assertThat(after.get("total").asInt()).isEqualTo(1);
        assertThat(after.get("items").get(0).get("value").decimalValue()).isEqualByComparingTo("8");
    }

    @Test
    void anotherClinicCanNeitherSeeNorRecordNorChangeTheMeasurements() {
        Partners.Referral r = receivedReferral("bellevue");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        String id = api.post("/api/v1/measurements", measurement(r, "GRIP_STRENGTH", 32.5, "2025-03-04", null, 1))
                .get("id").asText();

        ClinicApi other = ClinicApi.clinician(http, TestClinics.unique("redmond"));
        assertThat(ClinicApi.refused(() -> other.get("/api/v1/measurements?referralId=" + r.referralId())).status()).isEqualTo(404);
        assertThat(ClinicApi.refused(() -> other.post("/api/v1/measurements",
                measurement(r, "GRIP_STRENGTH", 20, "2025-03-05", null, 2))).status()).isEqualTo(404);
        assertThat(ClinicApi.refused(() -> other.put("/api/v1/measurements/" + id,
                correction("GRIP_STRENGTH", 1, "2025-03-04", null, 1))).status()).isEqualTo(404);
        assertThat(ClinicApi.refused(() -> other.delete("/api/v1/measurements/" + id)).status()).isEqualTo(404);

        JsonNode mine = api.get("/api/v1/measurements?referralId=" + r.referralId());
        assertThat(mine.get("total").asInt()).isEqualTo(1);
        assertThat(mine.get("items").get(0).get("value").decimalValue()).isEqualByComparingTo("32.5");
    }

    @Test
    void anImpossibleMeasurementIsRefusedNamingTheFieldAndNothingIsWritten() {
        Partners.Referral r = receivedReferral("yakima");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());

        String tomorrow = calendar.today(r.clinic()).plusDays(1).toString();
        assertRefused(() -> api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 5, tomorrow, null, null)),
                422, "measuredOn", "after today");
        assertRefused(() -> api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 5, "2025-03-02", null, null)),
                422, "measuredOn", "before the referral was received");
        assertRefused(() -> api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 11, "2025-03-04", null, null)),
                422, "value", "between 0 and 10");
        assertRefused(() -> api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 3.5, "2025-03-04", null, null)),
                422, "value", "whole number");
        assertRefused(() -> api.post("/api/v1/measurements", measurement(r, "CERVICAL_ROTATION", 95, "2025-03-04", null, null)),
                422, "value", "between 0 and 90");
        ClinicApi.Refusal unknown = ClinicApi.refused(() -> api.post("/api/v1/measurements",
                measurement(r, "SHOULDER_SHRUG", 5, "2025-03-04", null, null)));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"field\":\"measure\"");
        assertThat(api.get("/api/v1/measurements?referralId=" + r.referralId()).get("total").asInt()).isZero();

        // A correction is held to the same rules and leaves the measurement as it was.
        String id = api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 6, "2025-03-04", null, 1)).get("id").asText();
        assertRefused(() -> api.put("/api/v1/measurements/" + id, correction("PAIN_NRS", 12, "2025-03-04", null, 1)),
                422, "value", "between 0 and 10");
        assertRefused(() -> api.put("/api/v1/measurements/" + id, correction("PAIN_NRS", 6, tomorrow, null, 1)),
                422, "measuredOn", "after today");
        JsonNode kept = api.get("/api/v1/measurements?referralId=" + r.referralId()).get("items").get(0);
        assertThat(kept.get("value").decimalValue()).isEqualByComparingTo("6");
        assertThat(kept.get("measuredOn").asText()).isEqualTo("2025-03-04");
        assertThat(kept.has("correctedBy")).isFalse();
        assertThat(ClinicApi.refused(() -> api.get("/api/v1/measurements?referralId=" + Partners.uuid())).status())
                .isEqualTo(404);
    }

    @Test
    void theCatalogueSaysEachMeasuresUnitRangeDirectionAndCode() {
        JsonNode catalogue = ClinicApi.clinician(http, TestClinics.unique("tumwater")).get("/api/v1/measurements/catalogue");
        Map<String, JsonNode> byKey = new HashMap<>();
        catalogue.forEach(m -> byKey.put(m.get("key").asText(), m));
        assertThat(byKey).containsKeys("PAIN_NRS", "OSWESTRY_DISABILITY_INDEX", "NECK_DISABILITY_INDEX", "LUMBAR_FLEXION",
                "CERVICAL_ROTATION", "GRIP_STRENGTH", "PATIENT_SPECIFIC_FUNCTIONAL_SCALE");
        JsonNode pain = byKey.get("PAIN_NRS");
        assertThat(pain.get("code").asText()).isEqualTo("72514-3");
        assertThat(pain.get("codeSystem").asText()).isEqualTo("http://loinc.org");
        assertThat(pain.get("max").decimalValue()).isEqualByComparingTo("10");
        assertThat(pain.get("lowerIsBetter").asBoolean()).isTrue();
        assertThat(byKey.get("GRIP_STRENGTH").get("unit").asText()).isEqualTo("kg");
        assertThat(byKey.get("GRIP_STRENGTH").get("lowerIsBetter").asBoolean()).isFalse();
        assertThat(byKey.get("NECK_DISABILITY_INDEX").get("codeSystem").asText())
                .isEqualTo("https://rapport.app/fhir/CodeSystem/measures");
    }

    // ---- the report ------------------------------------------------------------------------

    @Test
    void theReportsMeasuresTableShowsBaselineEachMeasurementAndLatestMergedWithTheContentsOtherMeasures() {
        Partners.Referral r = receivedReferral("tacoma");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        recordCourseOfCare(api, r);
        String reportId = reportToReferrer(api, r);
        JsonNode written = writeRenderable(api, reportId, contentWithMeasures());

        for (JsonNode report : List.of(written, api.get("/api/v1/reports/" + reportId))) {
            JsonNode rows = report.get("objectiveMeasures");
            assertThat(rows).extracting(m -> m.get("name").asText())
                    .containsExactly("Pain severity (NRS 0-10)", "Lumbar flexion", "Sit-to-stand test", "Pain at night");
            JsonNode pain = rows.get(0);
            assertThat(pain.get("measure").asText()).isEqualTo("PAIN_NRS");
            assertThat(pain.get("baseline").get("value").decimalValue()).isEqualByComparingTo("7");
            assertThat(pain.get("baseline").get("measuredOn").asText()).isEqualTo("2025-03-03");
            assertThat(pain.get("baseline").get("measuredBy").asText()).isEqualTo("Dr. Ana Ruiz");
            assertThat(pain.get("latest").get("value").decimalValue()).isEqualByComparingTo("3");
            assertThat(pain.get("latest").get("visitNumber").asInt()).isEqualTo(9);
            assertThat(pain.get("change").decimalValue()).isEqualByComparingTo("-4");
            assertThat(pain.get("improved").asBoolean()).isTrue();
            assertThat(pain.get("measurements")).extracting(m -> m.get("value").intValue()).containsExactly(7, 5, 3);
            assertThat(rows.get(1).get("change").decimalValue()).isEqualByComparingTo("25");
            assertThat(rows.get(1).get("lowerIsBetter").asBoolean()).isFalse();
            // The content's own measure the catalogue does not know keeps its text and says no direction.
            JsonNode sitToStand = rows.get(2);
            assertThat(sitToStand.has("measure")).isFalse();
            assertThat(sitToStand.has("improved")).isFalse();
            assertThat(sitToStand.get("change").decimalValue()).isEqualByComparingTo("-8");
        }
        // The content keeps what the clinician wrote, including the pain value the measurements replace.
        assertThat(api.get("/api/v1/reports/" + reportId).get("content").get("measures")).hasSize(4);
    }

    @Test
    void thePdfShowsTheTableAndDrawsEachMeasureOverTimeWhereItsValuesAndDatesSay() throws Exception {
        Partners.Referral r = receivedReferral("renton");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        recordCourseOfCare(api, r);
        String reportId = reportToReferrer(api, r);
        writeRenderable(api, reportId, contentWithMeasures());

        byte[] pdf = api.bytes("/api/v1/reports/" + reportId + "/render/pdf", "application/pdf");
        String all = String.join("\n", ReportFlowTest.pagesOf(pdf));
        assertThat(all).contains("Baseline", "Latest", "Change",
                "Pain severity (NRS 0-10)", "7 (Mar 3, 2025)", "3 (Mar 31, 2025)", "-4 (better)",
                "Lumbar flexion", "40 (Mar 3, 2025)", "65 (Mar 31, 2025)", "+25 (better)",
                "Sit-to-stand test", "-8", "Pain at night",
                "Pain severity (NRS 0-10): each measurement", "Measured by", "Dr. Ana Ruiz", "Dr. Ben Cho", "Mar 17, 2025");
        // The value the measurements replace is not shown.
        assertThat(all).doesNotContain("Pain today");

        String title = "Pain severity (NRS 0-10) (points) - lower is better";
        PdfDrawing page = PdfDrawing.ofPageWith(pdf, title);
        assertThat(all).contains("Lumbar flexion (degrees) - higher is better");
        // The pain line: three points two weeks apart, falling 7 -> 5 -> 3 in equal steps on a 0-10 axis.
        List<PdfDrawing.Point> line = page.strokedLines.stream().filter(l -> l.size() == 3 && increasingX(l)).findFirst()
                .orElseThrow(() -> new AssertionError("no line through three measurements: " + page.strokedLines));
        PdfDrawing.Point mar3 = line.get(0);
        PdfDrawing.Point mar17 = line.get(1);
        PdfDrawing.Point mar31 = line.get(2);
        assertThat(mar17.x() - mar3.x()).isCloseTo(mar31.x() - mar17.x(), within(0.5));
        assertThat(mar3.y()).isGreaterThan(mar17.y());
        assertThat(mar3.y() - mar17.y()).isCloseTo(mar17.y() - mar31.y(), within(0.5));
        // A mark on every measurement.
        for (PdfDrawing.Point p : line) {
            assertThat(page.roundMarks).anySatisfy(m -> {
                assertThat(m.x()).isCloseTo(p.x(), within(0.5));
                assertThat(m.y()).isCloseTo(p.y(), within(0.5));
            });
        }
        // The axes: a vertical and a horizontal line meeting at the origin, left of and below the data.
        List<PdfDrawing.Point> axes = page.strokedLines.stream().filter(l -> l.size() == 3
                && l.get(0).x() == l.get(1).x() && l.get(1).y() == l.get(2).y() && l.get(1).x() <= mar3.x()
                && Math.abs(l.get(1).y() - mar31.y()) < 100).findFirst()
                .orElseThrow(() -> new AssertionError("no axes beside the pain line"));
        PdfDrawing.Point origin = axes.get(1);
        double top = axes.get(0).y();
        // On a 0-10 axis, 7 sits at 70% of the height and 3 at 30%.
        assertThat((mar3.y() - origin.y()) / (top - origin.y())).isCloseTo(0.7, within(0.01));
        assertThat((mar31.y() - origin.y()) / (top - origin.y())).isCloseTo(0.3, within(0.01));
        // Labels where a reader looks: the first day under the first point, the last day ending under the last,
        // the range at the ends of the value axis, the title above it all.
        PdfDrawing.TextLine dates = page.text.stream().filter(l -> l.text().contains("Mar 3, 2025")
                && l.text().contains("Mar 31, 2025") && l.y() < origin.y() && l.y() > origin.y() - 15).findFirst()
                .orElseThrow(() -> new AssertionError("no date labels under the pain chart"));
        assertThat(dates.xOf("Mar 3, 2025").orElseThrow()).isCloseTo(mar3.x(), within(1.0));
        assertThat(dates.endXOf("Mar 31, 2025")).isCloseTo(mar31.x(), within(1.0));
        assertThat(page.text).anySatisfy(l -> {
            assertThat(l.text().trim()).startsWith("10");
            assertThat(l.y()).isCloseTo(top, within(4.0));
        });
        assertThat(page.linesContaining(title)).allSatisfy(l -> assertThat(l.y()).isGreaterThan(top));
    }

    @Test
    void theFhirBundleHasAnObservationPerMeasurementCodedOnlyFromTheCatalogue() {
        Partners.Referral r = receivedReferral("kent");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        recordCourseOfCare(api, r);
        String reportId = reportToReferrer(api, r);
        writeRenderable(api, reportId, contentWithMeasures());

        JsonNode bundle = ClinicApi.json(new String(api.bytes("/api/v1/reports/" + reportId + "/render/fhir",
                "application/fhir+json")));
        List<JsonNode> observations = new ArrayList<>();
        List<String> fullUrls = new ArrayList<>();
        bundle.get("entry").forEach(e -> {
            fullUrls.add(e.get("fullUrl").asText());
            if (e.get("resource").get("resourceType").asText().equals("Observation")) {
                observations.add(e.get("resource"));
            }
        });
        // 3 pain + 2 flexion measurements, and the content's two measures the catalogue does not know.
        assertThat(observations).hasSize(7);
        List<JsonNode> pain = observations.stream().filter(o -> o.get("code").get("text").asText()
                .equals("Pain severity (NRS 0-10)")).toList();
        assertThat(pain).extracting(o -> o.get("effectiveDateTime").asText())
                .containsExactly("2025-03-03", "2025-03-17", "2025-03-31");
        assertThat(pain).extracting(o -> o.get("performer").get(0).get("display").asText())
                .containsExactly("Dr. Ana Ruiz", "Dr. Ben Cho", "Dr. Ana Ruiz");
        assertThat(pain).extracting(o -> o.get("valueQuantity").get("value").intValue()).containsExactly(7, 5, 3);
        JsonNode painCode = pain.get(0).get("code").get("coding").get(0);
        assertThat(painCode.get("system").asText()).isEqualTo("http://loinc.org");
        assertThat(painCode.get("code").asText()).isEqualTo("72514-3");
        assertThat(pain.get(0).get("valueQuantity").get("code").asText()).isEqualTo("{score}");

        JsonNode flexion = observations.stream().filter(o -> o.get("code").get("text").asText().equals("Lumbar flexion"))
                .findFirst().orElseThrow();
        JsonNode flexionCode = flexion.get("code").get("coding").get(0);
        assertThat(flexionCode.get("system").asText()).isEqualTo("https://rapport.app/fhir/CodeSystem/measures");
        assertThat(flexionCode.get("code").asText()).isEqualTo("LUMBAR_FLEXION");
        assertThat(flexion.get("valueQuantity").get("code").asText()).isEqualTo("deg");

        // "Pain" in a name is no code: a measure the catalogue does not know has only its text.
        JsonNode atNight = observations.stream().filter(o -> o.get("code").get("text").asText().equals("Pain at night"))
                .findFirst().orElseThrow();
        assertThat(atNight.get("code").has("coding")).isFalse();
        assertThat(atNight.get("component").get(0).get("valueQuantity").get("value").intValue()).isEqualTo(6);
        JsonNode composition = bundle.get("entry").get(0).get("resource");
        assertThat(fullUrls).containsAll(composition.findValuesAsText("reference"));
    }

    @Test
    void aReportMayLeaveMeasuresToTheRecordedOnesButNotGoWithoutAnyAndItsCatalogueValuesMustBePossible() {
        Partners.Referral r = receivedReferral("everett");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        String reportId = reportToReferrer(api, r);

        Map<String, Object> none = new HashMap<>(ReportFlowTest.content());
        none.put("measures", List.of());
        assertRefused(() -> api.put("/api/v1/reports/" + reportId + "/content", none), 422, "measures", "record measurements");
        Map<String, Object> impossible = new HashMap<>(ReportFlowTest.content());
        impossible.put("measures", List.of(Map.of("name", "Pain", "key", "PAIN_NRS", "unit", "{score}", "baseline", 7,
                "current", 12)));
        assertRefused(() -> api.put("/api/v1/reports/" + reportId + "/content", impossible), 422, "measures[0].current",
                "between 0 and 10");
        Map<String, Object> unknownKey = new HashMap<>(ReportFlowTest.content());
        unknownKey.put("measures", List.of(Map.of("name", "Shrug", "key", "SHOULDER_SHRUG", "unit", "deg", "baseline", 1,
                "current", 2)));
        ClinicApi.Refusal unknown = ClinicApi.refused(() -> api.put("/api/v1/reports/" + reportId + "/content", unknownKey));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("\"field\":\"measures[0].key\"").contains("PAIN_NRS");
        assertThat(api.get("/api/v1/reports/" + reportId).has("content")).isFalse();

        api.post("/api/v1/measurements", measurement(r, "NECK_DISABILITY_INDEX", 38, "2025-03-03", null, 1));
        JsonNode written = api.put("/api/v1/reports/" + reportId + "/content", none);
        assertThat(written.get("objectiveMeasures")).extracting(m -> m.get("name").asText())
                .containsExactly("Neck Disability Index");
    }

    @Test
    void aSentReportKeepsTheMeasurementsItWasSentWithThroughLaterVisitsAndCorrections() throws Exception {
        Partners.Referral r = receivedReferral("spokane");
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        recordCourseOfCare(api, r);
        String reportId = reportToReferrer(api, r);
        writeRenderable(api, reportId, contentWithMeasures());
        api.post("/api/v1/consents", Map.of("patientReference", r.patient(), "practitionerId", r.referrerId(),
                "scope", List.of("INITIAL"), "obtainedVia", "WRITTEN_FORM"));
        api.post("/api/v1/reports/" + reportId + "/send", Map.of("channel", "PRINT"));

        // A later visit's measurement is for the next report, and a correction does not rewrite what was
        // disclosed: the sent report (and the print queue's copy, rendered when printed) stays as it went out.
        api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 1, calendar.today(r.clinic()).toString(), null, 12));
        String lastPain = api.get("/api/v1/measurements?referralId=" + r.referralId()).findParents("measure").stream()
                .filter(m -> m.get("measure").asText().equals("PAIN_NRS") && m.get("measuredOn").asText().equals("2025-03-31"))
                .findFirst().orElseThrow().get("id").asText();
        api.put("/api/v1/measurements/" + lastPain, correction("PAIN_NRS", 2, "2025-03-31", null, 9));
        JsonNode sent = api.get("/api/v1/reports/" + reportId);
        assertThat(sent.get("objectiveMeasures").get(0).get("measurements")).hasSize(3);
        assertThat(sent.get("objectiveMeasures").get(0).get("latest").get("value").decimalValue()).isEqualByComparingTo("3");
        String printed = String.join("\n", ReportFlowTest.pagesOf(api.bytes("/api/v1/reports/" + reportId + "/render/pdf",
                "application/pdf")));
        assertThat(printed).contains("3 (Mar 31, 2025)", "-4 (better)")
                .doesNotContain(api.user()); // who took today's measurement: the caller, named nowhere else in the report
    }

    // ---- helpers ---------------------------------------------------------------------------

    /** A referral received on {@value #RECEIVED_ON} whose referrer and PCP are in the directory copy. */
    private Partners.Referral receivedReferral(String city) {
        Partners.Referral r = Partners.Referral.fresh(TestClinics.unique(city));
        Partners.referrerKnown(r);
        Partners.pcpKnown(r);
        Partners.send(Topics.REFERRALS, Partners.received(r, RECEIVED_ON));
        ClinicApi api = ClinicApi.clinician(http, r.clinic());
        await().atMost(WAIT).until(() -> api.get("/api/v1/reports?referralId=" + r.referralId()).get("total").asInt() >= 2);
        return r;
    }

    private static String reportToReferrer(ClinicApi api, Partners.Referral r) {
        return api.get("/api/v1/reports?referralId=" + r.referralId() + "&practitionerId=" + r.referrerId())
                .get("items").get(0).get("id").asText();
    }

    /** Writes the content and waits until the report renders: the recipient's directory entry arrives by its own event. */
    private static JsonNode writeRenderable(ClinicApi api, String reportId, Map<String, Object> content) {
        JsonNode written = api.put("/api/v1/reports/" + reportId + "/content", content);
        await().atMost(WAIT).ignoreException(HttpClientResponseException.class)
                .until(() -> api.bytes("/api/v1/reports/" + reportId + "/render/pdf", "application/pdf").length > 0);
        return written;
    }

    /** Pain 7 -> 5 -> 3 every two weeks; lumbar flexion 40 -> 65 over the same four weeks. */
    private static void recordCourseOfCare(ClinicApi api, Partners.Referral r) {
        api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 7, "2025-03-03", "Dr. Ana Ruiz", 1));
        api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 3, "2025-03-31", "Dr. Ana Ruiz", 9));
        api.post("/api/v1/measurements", measurement(r, "PAIN_NRS", 5, "2025-03-17", "Dr. Ben Cho", 5));
        api.post("/api/v1/measurements", measurement(r, "LUMBAR_FLEXION", 40, "2025-03-03", "Dr. Ana Ruiz", 1));
        api.post("/api/v1/measurements", measurement(r, "LUMBAR_FLEXION", 65, "2025-03-31", "Dr. Ana Ruiz", 9));
    }

    /** Pain written by hand (replaced by the recorded one), and two measures the catalogue does not know. */
    private static Map<String, Object> contentWithMeasures() {
        Map<String, Object> c = new HashMap<>(ReportFlowTest.content());
        c.put("measures", List.of(
                Map.of("name", "Pain today", "loinc", "72514-3", "unit", "{score}", "baseline", 8, "current", 2),
                Map.of("name", "Sit-to-stand test", "unit", "s", "baseline", 20, "current", 12),
                Map.of("name", "Pain at night", "unit", "{score}", "baseline", 6, "current", 4),
                Map.of("name", "Lumbar flexion", "key", "LUMBAR_FLEXION", "unit", "deg", "baseline", 30, "current", 35)));
        return c;
    }

    private static Map<String, Object> measurement(Partners.Referral r, String measure, Number value, String on,
                                                   String by, Integer visit) {
        Map<String, Object> m = correction(measure, value, on, by, visit);
        m.put("referralId", r.referralId());
        return m;
    }

    private static Map<String, Object> correction(String measure, Number value, String on, String by, Integer visit) {
        Map<String, Object> m = new HashMap<>();
        m.put("measure", measure);
        m.put("value", value);
        m.put("measuredOn", on);
        if (by != null) {
            m.put("measuredBy", by);
        }
        if (visit != null) {
            m.put("visitNumber", visit);
        }
        return m;
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call, int status, String field, String words) {
        ClinicApi.Refusal refusal = ClinicApi.refused(call);
        assertThat(refusal.status()).isEqualTo(status);
        assertThat(refusal.body()).contains("\"field\":\"" + field + "\"").contains(words);
    }

    private static boolean increasingX(List<PdfDrawing.Point> line) {
        for (int i = 1; i < line.size(); i++) {
            if (line.get(i).x() <= line.get(i - 1).x()) {
                return false;
            }
        }
        return true;
    }
}
