package app.rapport.platform.phone;

import java.util.Optional;

/**
 * Phone and fax numbers in E.164, so "(206) 555-0143", "206.555.0143" and "+1 206 555 0143" are
 * one number when looking for duplicates and on every event. A number written without a country
 * code is taken as North American (+1), where the clinics are. Partners' numbers (contacts-service)
 * and patients' (referrals-service) go through this one class, so both read a number alike.
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * @return the E.164 form, or empty when the text is no phone number
     */
    public static Optional<String> toE164(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        // An extension ("x204", "ext. 12") does not reach a fax machine or a front desk reliably: refuse it.
        if (!trimmed.matches("[+0-9 ().\\-]+")) {
            return Optional.empty();
        }
        String digits = trimmed.replaceAll("[^0-9]", "");
        if (trimmed.startsWith("+")) {
            return digits.length() >= 7 && digits.length() <= 15 && digits.charAt(0) != '0'
                    ? Optional.of("+" + digits) : Optional.empty();
        }
        if (digits.length() == 11 && digits.startsWith("1")) {
            digits = digits.substring(1);
        }
        // NANP: area code and exchange never start with 0 or 1.
        if (digits.length() == 10 && digits.charAt(0) >= '2' && digits.charAt(3) >= '2') {
            return Optional.of("+1" + digits);
        }
        return Optional.empty();
    }
}
