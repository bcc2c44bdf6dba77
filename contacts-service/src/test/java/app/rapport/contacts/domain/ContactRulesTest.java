package app.rapport.contacts.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The directory's rules with no database: who counts as a physician, the NPI check digit (phone numbers: platform's PhoneNumbersTest). */
class ContactRulesTest {

    @ParameterizedTest(name = "{0} {1} → physician {2}")
    @CsvSource(nullValues = "-", value = {
            "OB_GYN, -, true",
            "FAMILY_PRACTICE, -, true",
            "PSYCHIATRIST, -, true",
            "CARDIOLOGIST, -, true",
            "PRIMARY_CARE, -, true",
            "CHIROPRACTOR, -, true",              // chiropractors are physicians under Stark
            "OTHER, 'M.D.', true",
            "OTHER, 'DO', true",
            "OTHER, 'DDS', true",
            "OTHER, 'dmd', true",
            "OTHER, 'DPM, FACFAS', true",
            "OTHER, 'OD', true",
            "NUTRITIONIST, 'RD; MD', true",
            "NATUROPATHIC_DOCTOR, 'ND', false",   // naturopaths are not
            "DOULA, 'CD(DONA)', false",
            "MASSAGE_THERAPIST, 'LMT', false",
            "MENTAL_HEALTH_COUNSELOR, 'LMHC', false",
            "PHYSICAL_THERAPIST, 'DPT', false",   // a doctorate of physical therapy is no Stark physician
            "PERSONAL_TRAINER, 'NASM-CPT', false",
            "OTHER, 'MDiv', false",
            "YOGA_INSTRUCTOR, -, false"})
    void physicianFollowsTheStarkDefinition(Specialty specialty, String credentials, boolean physician) {
        assertThat(PhysicianRule.derive(specialty, credentials)).isEqualTo(physician);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "1245319599, true",   // CMS's own example
            "1902847569, true",
            "1245319598, false",  // last digit mistyped
            "1245319959, false",  // two digits swapped
            "1902847563, false",
            "2123456785, false"})
    void anNpiMustCarryTheLuhnCheckDigitOverThePrefix80840(String npi, boolean valid) {
        assertThat(Npi.hasValidCheckDigit(npi)).isEqualTo(valid);
    }

    @Test
    void aCheckDigitAppendedToNineDigitsMakesAValidNpi() {
        assertThat(Npi.withCheckDigit("124531959")).isEqualTo("1245319599");
        assertThat(Npi.hasValidCheckDigit(Npi.withCheckDigit("987654321"))).isTrue();
    }

    @Test
    void anOverrideWinsOverTheDerivedValue() {
        assertThat(PhysicianRule.effective(Specialty.OB_GYN, "MD", false)).isFalse();
        assertThat(PhysicianRule.effective(Specialty.DOULA, null, true)).isTrue();
        assertThat(PhysicianRule.effective(Specialty.DOULA, null, null)).isFalse();
    }
}
