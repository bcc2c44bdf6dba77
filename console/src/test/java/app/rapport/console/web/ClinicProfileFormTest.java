package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ClinicProfileFormTest {

    @Test
    void locationsAndHoursPostAsListsAndTheBlankRowsToAddOneAreLeftOut() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", "t");
        form.put("clinicName", "Harbor Integrative Care");
        form.put("servicesOffered", "Acupuncture\r\nChiropractic care, including prenatal\r\n\r\n");
        form.put("locations[0].name", "Capitol Hill");
        form.put("locations[0].address.line1", "1510 Broadway");
        form.put("locations[0].address.country", "US");
        form.put("locations[0].hours[0].day", "MONDAY");
        form.put("locations[0].hours[0].opens", "08:00");
        form.put("locations[0].hours[1].day", "");
        form.put("locations[0].hours[1].opens", "");
        form.put("locations[1].name", "");
        form.put("locations[1].address.country", "US");

        Map<String, Object> body = ClinicProfileForm.body(form);

        assertThat(body).containsEntry("servicesOffered", List.of("Acupuncture", "Chiropractic care, including prenatal"))
                .doesNotContainKeys("_csrf", "focusNiches");
        assertThat(body.get("locations")).isEqualTo(List.of(Map.of("name", "Capitol Hill",
                "address", Map.of("line1", "1510 Broadway", "country", "US"),
                "hours", List.of(Map.of("day", "MONDAY", "opens", "08:00")))));
    }

    @Test
    void theFormShowsTheSavedLocationsWithABlankOneAndBlankHoursToAdd() {
        Doc profile = new Doc(Map.of("clinicName", "Harbor", "servicesOffered", List.of("Acupuncture", "Massage"),
                "locations", List.of(Map.of("name", "Ballard", "address", Map.of("line1", "2208 NW Market St", "country", "US"),
                        "hours", List.of(Map.of("day", "TUESDAY", "opens", "09:00:00", "closes", "17:00"))))));

        FormState form = FormState.of(ClinicProfileForm.valuesOf(profile));

        assertThat(form.value("servicesOffered")).isEqualTo("Acupuncture\nMassage");
        assertThat(form.value("locations[0].hours[0].opens")).isEqualTo("09:00");
        assertThat(ClinicProfileForm.locationRows(form)).isEqualTo(2);
        assertThat(ClinicProfileForm.hoursRows(form, 0)).isEqualTo(3);
        assertThat(ClinicProfileForm.hoursRows(form, 1)).isEqualTo(2);
    }
}
