package app.rapport.platform.phone;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What a phone number is, as staff type one for a partner or a patient. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(nullValues = "-", value = {
            "'(206) 555-0143', +12065550143",
            "'206.555.0143', +12065550143",
            "'206-555-0143', +12065550143",
            "'1 206 555 0143', +12065550143",
            "'+1 (206) 555-0143', +12065550143",
            "'+44 20 7946 0958', +442079460958",
            "'555-0143', -",                      // no area code
            "'(106) 555-0143', -",                // no area code starts with 1
            "'206 555 0143 x12', -",
            "'call the front desk', -",
            "'+0 123 4567', -"})
    void phoneNumbersBecomeE164WithNorthAmericaAsTheDefault(String text, String e164) {
        assertThat(PhoneNumbers.toE164(text)).isEqualTo(Optional.ofNullable(e164));
    }
}
