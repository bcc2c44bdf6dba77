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
        form.put("references", "Gutke A et al. Spine 2015.\n\n  Second citation  ");

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
        assertThat(body.get("references")).isEqualTo(List.of(Map.of("citation", "Gutke A et al. Spine 2015."),
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
                .containsEntry("measures[0].current", "28").containsEntry("references", "A\nB")
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
        assertThat(ReportForm.contentFields(4, 3)).contains("goals[3].anticipatedOutcome").doesNotContain("goals[4].goal");
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
