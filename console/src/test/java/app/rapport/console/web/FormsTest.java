package app.rapport.console.web;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FormsTest {

    @Test
    void aFieldPathWithoutAnInputIsNamedInWords() {
        assertThat(Forms.fieldWords("locations[0].phone")).isEqualTo("Location 1, phone");
        assertThat(Forms.fieldWords("locations[1].hours[0].opens")).isEqualTo("Location 2, hour 1, opens");
        assertThat(Forms.fieldWords("locations[0].address.postalCode")).isEqualTo("Location 1, address, postal code");
        assertThat(Forms.fieldWords("patient.birthDate")).isEqualTo("Patient, birth date");
        assertThat(Forms.fieldWords("diagnosisCodes[2]")).isEqualTo("Diagnosis code 3");
        assertThat(Forms.fieldWords("address")).isEqualTo("Address");
        assertThat(Forms.fieldWords("")).isEmpty();
    }

    @Test
    void todayIsCountedInUtcLikeTheServicesNotInTheMachinesZone() {
        LocalDate before = LocalDate.now(ZoneOffset.UTC);
        LocalDate today = Forms.today();
        assertThat(today).isBetween(before, LocalDate.now(ZoneOffset.UTC));
    }
}
