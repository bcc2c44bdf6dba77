package app.rapport.contacts.domain;

/**
 * The National Provider Identifier's check digit (CMS): the tenth digit is the Luhn check digit of
 * the first nine prefixed with 80840, the card-issuer prefix NPIs are registered under. A typo in
 * one digit, or two digits swapped, fails it.
 */
public final class Npi {

    private static final String PREFIX = "80840";

    private Npi() {
    }

    /** Whether ten digits carry the right check digit; the shape (10 digits) is checked before. */
    public static boolean hasValidCheckDigit(String npi) {
        return npi.length() == 10 && npi.chars().allMatch(Character::isDigit)
                && checkDigit(npi.substring(0, 9)) == npi.charAt(9) - '0';
    }

    /** The ten-digit NPI for nine digits, e.g. to make test data that is valid. */
    public static String withCheckDigit(String firstNine) {
        if (firstNine.length() != 9 || !firstNine.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("an NPI starts with nine digits");
        }
        return firstNine + checkDigit(firstNine);
    }

    private static int checkDigit(String firstNine) {
        String digits = PREFIX + firstNine;
        int sum = 0;
        // Luhn: from the right, every other digit (starting with the rightmost of the payload) doubled.
        for (int i = digits.length() - 1, position = 0; i >= 0; i--, position++) {
            int d = digits.charAt(i) - '0';
            if (position % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
