package app.rapport.contacts.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a partner counts as a physician for the gift rules (Stark non-monetary compensation
 * cap). Stark uses the Social Security Act's definition (42 U.S.C. 1395x(r)): doctors of
 * medicine or osteopathy, dental surgery or dental medicine, podiatric medicine, optometry, and
 * chiropractors. Naturopaths, nurse practitioners, therapists, doulas and trainers are not.
 * Staff can override the result per partner; the override wins.
 */
public final class PhysicianRule {

    /** Specialties practised only by physicians in the Stark sense. */
    static final Set<Specialty> PHYSICIAN_SPECIALTIES = Set.of(Specialty.OB_GYN, Specialty.FAMILY_PRACTICE,
            Specialty.PSYCHIATRIST, Specialty.CARDIOLOGIST, Specialty.PRIMARY_CARE, Specialty.CHIROPRACTOR);

    /** Degrees that make their holder a physician under Stark, as written after a name. */
    static final Set<String> PHYSICIAN_DEGREES = Set.of("MD", "DO", "DDS", "DMD", "DPM", "OD", "DC");

    private PhysicianRule() {
    }

    public static boolean derive(Specialty specialty, String credentials) {
        if (specialty != null && PHYSICIAN_SPECIALTIES.contains(specialty)) {
            return true;
        }
        if (credentials == null || credentials.isBlank()) {
            return false;
        }
        // "M.D., FACOG" → [MD, FACOG]; "CD(DONA)" stays one token and is no degree.
        return Arrays.stream(credentials.toUpperCase(Locale.ROOT).replace(".", "").split("[\\s,;/]+"))
                .anyMatch(PHYSICIAN_DEGREES::contains);
    }

    public static boolean effective(Specialty specialty, String credentials, Boolean override) {
        return override != null ? override : derive(specialty, credentials);
    }
}
