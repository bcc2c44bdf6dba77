package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerFormTest {

    @Test
    void aFilledFormBecomesTheBodyContactsServiceTakes() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "t");
        form.put("_form", "f");
        form.put("firstName", "Maya");
        form.put("lastName", "Okafor");
        form.put("specialty", "OB_GYN");
        form.put("stage", "MET");
        form.put("address.line1", "1501 4th Ave");
        form.put("address.city", "Seattle");
        form.put("address.country", "US");
        form.put("reportType.INITIAL", "on");
        form.put("reportType.DISCHARGE", "on");
        form.put("statusUpdate.DECLINED", "on");
        form.put("statusUpdate.ACCEPTED", "on");
        form.put("reportPreferences.everyVisits", "6");
        form.put("reportPreferences.channel", "FAX");
        form.put("tags", "prenatal, postpartum");
        form.put("physicianOverride", "true");
        form.put("npi", "");

        Map<String, Object> body = PartnerForm.body(form, true);

        assertThat(body).containsEntry("firstName", "Maya").containsEntry("stage", "MET")
                .containsEntry("tags", List.of("prenatal", "postpartum")).containsEntry("physicianOverride", true)
                .doesNotContainKeys("_csrf", "_form", "npi", "reportType.INITIAL");
        assertThat(body.get("address")).isEqualTo(Map.of("line1", "1501 4th Ave", "city", "Seattle", "country", "US"));
        assertThat(body.get("reportPreferences")).isEqualTo(Map.of("reports", List.of("INITIAL", "DISCHARGE"),
                "statusUpdates", List.of("ACCEPTED", "DECLINED"), "everyVisits", 6, "channel", "FAX"));
    }

    @Test
    void anEditSendsNoStageAndTheCountryAloneIsNoAddress() {
        Map<String, String> form = Map.of("firstName", "Maya", "lastName", "Okafor", "specialty", "OB_GYN",
                "stage", "MET", "address.country", "US", "address.line1", " ");

        Map<String, Object> body = PartnerForm.body(form, false);

        assertThat(body).doesNotContainKeys("stage", "address", "reportPreferences");
    }

    @Test
    void aTextThatIsNoNumberGoesAsTypedForTheServiceToName() {
        Map<String, Object> body = PartnerForm.body(Map.of("reportPreferences.everyWeeks", "two",
                "reportPreferences.channel", "EMAIL"), true);

        assertThat(body.get("reportPreferences")).isEqualTo(Map.of("everyWeeks", "two", "channel", "EMAIL",
                "reports", List.of(), "statusUpdates", List.of()));
    }

    @Test
    void everyBoxClearedMeansNoneNotTheDefaultsAndANewPartnerStartsWithTheDefaults() {
        // contacts-service reads a list left out as its defaults: a cleared form must say "none" out loud.
        Map<String, Object> none = PartnerForm.body(Map.of("firstName", "Maya", "reportPreferences.channel", "PRINT"), false);
        assertThat(none.get("reportPreferences")).isEqualTo(Map.of("channel", "PRINT", "reports", List.of(),
                "statusUpdates", List.of()));

        Map<String, String> fresh = new LinkedHashMap<>(PartnerForm.newPartnerBoxes());
        fresh.put("reportPreferences.channel", "EMAIL");
        assertThat(PartnerForm.body(fresh, true).get("reportPreferences")).isEqualTo(Map.of("channel", "EMAIL",
                "reports", List.of("INITIAL", "DISCHARGE"),
                "statusUpdates", List.of("ACCEPTED", "SCHEDULED", "FIRST_VISIT", "DECLINED", "COMPLETED")));
    }

    @Test
    void theEditFormIsFilledFromThePartner() {
        Doc partner = new Doc(Map.of("firstName", "Maya", "specialty", "OB_GYN", "tags", List.of("prenatal", "twins"),
                "physicianOverride", false, "address", Map.of("city", "Seattle"),
                "reportPreferences", Map.of("reports", List.of("PROGRESS"), "statusUpdates", List.of("DECLINED"),
                        "everyWeeks", 4, "channel", "EMAIL")));

        Map<String, String> values = PartnerForm.valuesOf(partner);

        assertThat(values).containsEntry("firstName", "Maya").containsEntry("tags", "prenatal, twins")
                .containsEntry("physicianOverride", "false").containsEntry("address.city", "Seattle")
                .containsEntry("reportType.PROGRESS", "on").containsEntry("reportPreferences.everyWeeks", "4")
                .containsEntry("lastName", "").doesNotContainKey("reportType.INITIAL")
                .containsEntry("statusUpdate.DECLINED", "on").doesNotContainKey("statusUpdate.ACCEPTED");
        // Filled and sent back unchanged, the form is the same partner again.
        assertThat(PartnerForm.body(values, false).get("reportPreferences"))
                .isEqualTo(Map.of("reports", List.of("PROGRESS"), "statusUpdates", List.of("DECLINED"), "everyWeeks", 4,
                        "channel", "EMAIL"));
    }

    @Test
    void specialtiesReadAsTheClinicSaysThem() {
        assertThat(PartnerForm.label("OB_GYN")).isEqualTo("OB/GYN");
        assertThat(PartnerForm.label("PHYSICAL_THERAPIST")).isEqualTo("Physical therapist");
    }
}
