package app.rapport.platform.tenancy;

import java.util.regex.Pattern;

/**
 * A clinic id is a slug such as {@code seattle-downtown}. The signed token is the authority on
 * which clinics exist, so there is no registry to consult: any well-formed slug is a clinic.
 */
public final class ClinicIds {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    public static final int MAX_LENGTH = 64;

    private ClinicIds() {
    }

    public static boolean isValid(String clinicId) {
        return clinicId != null && clinicId.length() <= MAX_LENGTH && SLUG.matcher(clinicId).matches();
    }

    public static String requireValid(String clinicId) {
        if (!isValid(clinicId)) {
            throw new IllegalArgumentException("Not a clinic id: " + clinicId);
        }
        return clinicId;
    }
}
