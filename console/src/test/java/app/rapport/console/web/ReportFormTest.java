package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormTest {

    @Test
    void theComposerBecomesReportContentJsonWithRowsNamedAsTheServiceNamesThem() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "t");
        form.put("_form", "f");
        form.put("treatmentPlanned", " Manual therapy ");
        form.put("visitsPerWeek", "2");
        form.put("durationWeeks", "six");
        form.put("goals[0].goal", "Walk 30 minutes");
        form.put("goals[0].anticipatedOutcome", "Pain below 2/10");
        form.put("goals[1].goal", "");
        form.put("goals[2].goal", "Sleep through the night");
        form.put("measures[0].name", "Pain (NRS 0-10)");
        form.put("measures[0].baseline", "7");
        form.put("measures[0].current", "4.5");
        form.put("measures[1].name", "");
        form.put("diagnosisCodes", "M54.50, O26.893");
        form.put("references[0].citation", "Gutke A et al. Spine 2015.");
        form.put("references[0].url", "https://doi.org/10.1097/BRS.0000000000000763");
        form.put("references[1].citation", "  Second citation  ");

        Map<String, Object> body = ReportForm.contentBody(form);

        assertThat(body).doesNotContainKeys("_csrf", "_form", "history");
        assertThat(body.get("treatmentPlanned")).isEqualTo("Manual therapy");
        assertThat(body.get("visitsPerWeek")).isEqualTo(2);
        // Not a number: sent as typed, so the service names the field.
        assertThat(body.get("durationWeeks")).isEqualTo("six");
        // The empty middle row stays (the service's goals[1] is the row the person sees); none after the last filled row.
        assertThat((List<?>) body.get("goals")).hasSize(3);
        assertThat(((List<?>) body.get("goals")).get(1)).isEqualTo(Map.of());
        List<?> measures = (List<?>) body.get("measures");
        assertThat(measures).hasSize(1);
        assertThat(((Map<?, ?>) measures.get(0)).get("current")).isEqualTo(new BigDecimal("4.5"));
        assertThat(body.get("diagnosisCodes")).isEqualTo(List.of("M54.50", "O26.893"));
        assertThat(body.get("references")).isEqualTo(List.of(
                Map.of("citation", "Gutke A et al. Spine 2015.", "url", "https://doi.org/10.1097/BRS.0000000000000763"),
                Map.of("citation", "Second citation")));
    }

    @Test
    void savedContentFillsTheComposerAgain() {
        Doc content = Doc.of(Map.of(
                "coverLetter", "Thank you",
                "visitsPerWeek", 2,
                "diagnosisCodes", List.of("M54.50", "O26.893"),
                "goals", List.of(Map.of("goal", "Walk", "anticipatedOutcome", "No pain")),
                "measures", List.of(Map.of("name", "ODI", "unit", "%", "baseline", 42, "current", 28)),
                "references", List.of(Map.of("citation", "A"), Map.of("citation", "B"))));

        Map<String, String> values = ReportForm.valuesOf(content);

        assertThat(values).containsEntry("coverLetter", "Thank you").containsEntry("visitsPerWeek", "2")
                .containsEntry("diagnosisCodes", "M54.50, O26.893").containsEntry("goals[0].goal", "Walk")
                .containsEntry("measures[0].current", "28").containsEntry("references[1].citation", "B")
                .doesNotContainKey("goals[1].goal");
    }

    @Test
    void contentWithMoreRowsThanTheComposerOffersKeepsThemAllWhenSavedAgain() {
        List<Map<String, Object>> goals = List.of(Map.of("goal", "1", "anticipatedOutcome", "a"),
                Map.of("goal", "2", "anticipatedOutcome", "b"), Map.of("goal", "3", "anticipatedOutcome", "c"),
                Map.of("goal", "4", "anticipatedOutcome", "d"));
        Map<String, String> values = ReportForm.valuesOf(Doc.of(Map.of("goals", goals)));

        assertThat(ReportForm.rowsIn(values, "goals", ReportForm.GOAL_ROWS)).isEqualTo(4);
        assertThat(ReportForm.rowsIn(values, "measures", ReportForm.MEASURE_ROWS)).isEqualTo(ReportForm.MEASURE_ROWS);
        assertThat((List<?>) ReportForm.contentBody(values).get("goals")).hasSize(4);
        assertThat(ReportForm.contentFields(4, 3, 2)).contains("goals[3].anticipatedOutcome").doesNotContain("goals[4].goal");
    }

    /**
     * Saving replaces the whole content: every member reports-service's ReportContent accepts
     * (written over the API, say) comes back unchanged from the composer's values.
     */
    @Test
    void everyContentFieldTheServiceAcceptsSurvivesTheComposerUnchanged() {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("treatmentPlanned", "Pelvic stabilisation exercises");
        content.put("rationale", "Responds to stabilisation");
        content.put("visitsPerWeek", 2);
        content.put("durationWeeks", 6);
        content.put("goals", List.of(
                Map.of("goal", "Walk 30 minutes", "anticipatedOutcome", "Pain below 2/10", "targetDate", "2026-12-20"),
                Map.of("goal", "Sleep through", "anticipatedOutcome", "No waking")));
        content.put("measures", List.of(
                measure("Pain (NRS 0-10)", "72514-3", "{score}", "7", "4.5", "2026-10-01", "2026-11-28"),
                Map.of("name", "Oswestry Disability Index", "unit", "%", "baseline", new BigDecimal("42"),
                        "current", new BigDecimal("28"))));
        content.put("history", "G2P1 at 28 weeks");
        content.put("examination", "Positive ASLR on the right");
        content.put("diagnosisCodes", List.of("O26.893", "M54.50"));
        content.put("diagnosisNarrative", "Pregnancy-related pelvic girdle pain");
        content.put("references", List.of(
                Map.of("citation", "Gutke A et al. Spine 2015.", "url", "https://doi.org/10.1097/BRS.0000000000000763"),
                Map.of("citation", "Second citation")));
        content.put("coverLetter", "Thank you for referring Ms Marsh.");

        Map<String, String> values = ReportForm.valuesOf(Doc.of(content));
        int goals = ReportForm.rowsIn(values, "goals", ReportForm.GOAL_ROWS);
        int measures = ReportForm.rowsIn(values, "measures", ReportForm.MEASURE_ROWS);
        int references = ReportForm.rowsIn(values, "references", ReportForm.REFERENCE_ROWS);
        // Every value has an input on the page (none would be sent back only because it was hidden).
        assertThat(ReportForm.contentFields(goals, measures, references)).containsAll(
                values.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList());

        assertThat(ReportForm.contentBody(values)).isEqualTo(content);
    }

    private static Map<String, Object> measure(String name, String loinc, String unit, String baseline, String current,
                                               String baselineOn, String measuredOn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("loinc", loinc);
        m.put("unit", unit);
        m.put("baseline", new BigDecimal(baseline));
        m.put("current", new BigDecimal(current));
        m.put("baselineOn", baselineOn);
        m.put("measuredOn", measuredOn);
        return m;
    }

    @Test
    void aConsentsStandingIsTheServicesWithItsDay() {
        assertThat(ReportForm.consentStanding(Doc.of(Map.of("status", "VALID", "validFrom", "2026-11-01")))).isEqualTo("Valid");
        assertThat(ReportForm.consentStanding(Doc.of(Map.of("status", "NOT_YET_VALID", "validFrom", "2026-12-03"))))
                .isEqualTo("Starts Thu 3 Dec 2026");
        // Valid through 30 November, so no longer from 1 December.
        assertThat(ReportForm.consentStanding(Doc.of(Map.of("status", "EXPIRED", "validFrom", "2026-11-01",
                "validTo", "2026-11-30")))).isEqualTo("Expired on Tue 1 Dec 2026");
        // Only the status decides: revoked, even with dates that would still be valid.
        assertThat(ReportForm.consentStanding(Doc.of(Map.of("status", "REVOKED", "validFrom", "2026-11-01",
                "revokedAt", "2026-11-20T10:00:00Z")))).isEqualTo("Revoked");
    }

    @Test
    void aConsentCoversTheTickedReportTypesForThisReportsPatientAndRecipient() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("scope.INITIAL", "on");
        form.put("scope.DISCHARGE", "on");
        form.put("validFrom", "2026-12-02");
        form.put("validTo", "");
        form.put("obtainedVia", "WRITTEN_FORM");

        Map<String, Object> body = ReportForm.consentBody(form, "patient-ref", "partner-id");

        assertThat(body).containsEntry("scope", List.of("INITIAL", "DISCHARGE")).containsEntry("validFrom", "2026-12-02")
                .containsEntry("patientReference", "patient-ref").containsEntry("practitionerId", "partner-id")
                .doesNotContainKey("validTo");
        assertThat(ReportForm.consentBody(Map.of(), "p", "r")).doesNotContainKey("scope");
    }
}
