package app.rapport.console.web;

import app.rapport.console.services.Doc;
import app.rapport.console.services.ServiceProblem;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferralFormsTest {

    @Test
    void anOfficesContactPhoneIsCleanedLikeThePatientsSoBothReachTheServiceInE164() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("patient.phone", "206.555.0143");
        form.put("contact.name", "Dana Whitfield");
        form.put("contact.phone", "+1 (206) 555-0177");

        Map<String, Object> body = IntakeFormController.body(form);

        assertThat(body.get("patient")).isEqualTo(Map.of("phone", "2065550143"));
        assertThat(body.get("contact")).isEqualTo(Map.of("name", "Dana Whitfield", "phone", "+12065550177"));
        // Letters are not guessed at: the service refuses them at the field.
        assertThat(ReferralForms.phone("+1 206 CALL-NOW")).isEqualTo("+1206CALLNOW");
    }

    @Test
    void theNewReferralFormBecomesNewReferralJson() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "t");
        form.put("_form", "f");
        form.put("direction", "SENT");
        form.put("kind", "SECOND_OPINION");
        form.put("practitionerId", "3c659de6-c9d5-48e0-8306-d57f7893908f");
        form.put("channel", "");
        form.put("patient.firstName", " Ruth ");
        form.put("patient.birthDate", "1984-11-02");
        form.put("patient.phone", "+1 (206) 555-0143");
        form.put("diagnosisCodes", "M54.50, o26.893,");
        form.put("treatingPractitioner.name", "Jordan Reyes");

        Map<String, Object> body = ReferralForms.newReferralBody(form);

        assertThat(body).containsOnlyKeys("direction", "kind", "practitionerId", "patient", "diagnosisCodes",
                "treatingPractitioner");
        assertThat(body.get("patient")).isEqualTo(Map.of("firstName", "Ruth", "birthDate", "1984-11-02",
                "phone", "+12065550143"));
        assertThat(body.get("diagnosisCodes")).isEqualTo(List.of("M54.50", "o26.893"));
        assertThat(body.get("treatingPractitioner")).isEqualTo(Map.of("name", "Jordan Reyes"));
    }

    @Test
    void aVisitWithoutAnAmountSendsNoBilledAmount() {
        assertThat(ReferralForms.visitBody(Map.of("visitDate", "2026-03-05", "type", "TREATMENT",
                "billedAmount.amount", " ", "billedAmount.currency", "USD")))
                .isEqualTo(Map.of("visitDate", "2026-03-05", "type", "TREATMENT"));
        assertThat(ReferralForms.visitBody(Map.of("visitDate", "2026-03-05", "type", "TREATMENT",
                "billedAmount.amount", "$1,145.00", "billedAmount.currency", "usd")).get("billedAmount"))
                .isEqualTo(Map.of("amount", "1145.00", "currency", "USD"));
        // A decimal comma is not a thousands separator: the service refuses it rather than billing 1200.
        assertThat(((Map<?, ?>) ReferralForms.visitBody(Map.of("visitDate", "2026-03-05", "type", "TREATMENT",
                "billedAmount.amount", "12,00", "billedAmount.currency", "USD")).get("billedAmount")).get("amount"))
                .isEqualTo("12,00");
    }

    @Test
    void aMoveSendsItsReasonOnlyWhenOneIsGiven() {
        assertThat(ReferralForms.transitionBody(Map.of("to", "ACCEPTED", "_form", "x"))).isEqualTo(Map.of("to", "ACCEPTED"));
        assertThat(ReferralForms.transitionBody(Map.of("to", "DECLINED", "reason", " Outside our scope ")))
                .isEqualTo(Map.of("to", "DECLINED", "reason", "Outside our scope"));
        // A move entered later says the day it happened; left empty, the service takes today.
        assertThat(ReferralForms.transitionBody(Map.of("to", "ACCEPTED", "occurredOn", "2025-02-24", "reason", "")))
                .isEqualTo(Map.of("to", "ACCEPTED", "occurredOn", "2025-02-24"));
        assertThat(ReferralForms.transitionBody(Map.of("to", "ACCEPTED", "occurredOn", " "))).isEqualTo(Map.of("to", "ACCEPTED"));
    }

    @Test
    void aRefusedCodeIsShownAtTheCodesInputNamingTheCode() {
        Map<String, String> values = Map.of("diagnosisCodes", "M54.50, lower back", "patient.phone", "206");
        ServiceProblem problem = new ServiceProblem(422, new Doc(Map.of("status", 422, "title", "Invalid",
                "errors", List.of(Map.of("field", "diagnosisCodes[1]", "message", "is not an ICD-10 code"),
                        Map.of("field", "patient.phone", "message", "must be E.164")))));

        FormState state = ReferralForms.refused(values, problem);

        assertThat(state.errors()).containsOnlyKeys("diagnosisCodes", "patient.phone");
        assertThat(state.error("diagnosisCodes")).isEqualTo("“lower back” is not an ICD-10 code");
        assertThat(state.value("diagnosisCodes")).isEqualTo("M54.50, lower back");
        assertThat(state.message()).contains("2 fields");
    }

    @Test
    void aDetailThatRepeatsTheFieldsMessageIsNotSaidTwice() {
        ServiceProblem problem = new ServiceProblem(422, new Doc(Map.of("status", 422,
                "detail", "reason: say why the referral is declined",
                "errors", List.of(Map.of("field", "reason", "message", "say why the referral is declined")))));
        FormState state = ReferralForms.refused(Map.of("to", "DECLINED"), problem);
        assertThat(state.message()).isEqualTo("Please correct the field marked below.");
        assertThat(state.error("reason")).isEqualTo("say why the referral is declined");
        ServiceProblem conflict = new ServiceProblem(409, new Doc(Map.of("status", 409,
                "detail", "A received referral cannot move from RECEIVED to COMPLETED")));
        assertThat(ReferralForms.refused(Map.of("to", "COMPLETED"), conflict).message())
                .isEqualTo("A received referral cannot move from RECEIVED to COMPLETED");
    }

    @Test
    void aNewFormOpensAsTheLinkAsked() {
        assertThat(ReferralForms.newReferralDefaults("sent", "second_opinion", "3c659de6-c9d5-48e0-8306-d57f7893908f"))
                .containsEntry("direction", "SENT").containsEntry("kind", "SECOND_OPINION")
                .containsEntry("practitionerId", "3c659de6-c9d5-48e0-8306-d57f7893908f");
        assertThat(ReferralForms.newReferralDefaults(null, "gift", "<script>"))
                .containsEntry("direction", "RECEIVED").containsEntry("kind", "REFERRAL")
                .doesNotContainKey("practitionerId");
    }

    @Test
    void instantsReadAsDayAndTimeInUtc() {
        assertThat(ReferralForms.when("2026-03-05T14:02:09.123Z")).isEqualTo("Thu 5 Mar 2026, 14:02 UTC");
        assertThat(ReferralForms.when("")).isEmpty();
        assertThat(ReferralForms.when("yesterday")).isEqualTo("yesterday");
    }
}
