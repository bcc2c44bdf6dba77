package app.rapport.contacts.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static app.rapport.contacts.domain.Specialty.*;

/**
 * The clinic's niches and the specialties worth approaching for each: a clinic focused on women's
 * health gets to know OB/GYNs and doulas, one treating anxiety the counselors and psychiatrists.
 * These are the defaults; a clinic can change any of them and add its own.
 */
public final class TargetFocuses {

    /** Clinic-defined focus names look like the built-in ones: {@code POSTPARTUM}, {@code TMJ_PAIN}. */
    public static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9_]{1,47}$");

    public static final Map<String, List<Specialty>> DEFAULTS;

    static {
        Map<String, List<Specialty>> m = new LinkedHashMap<>();
        m.put("WOMENS_HEALTH", List.of(OB_GYN, DOULA));
        m.put("PAIN", List.of(PRIMARY_CARE, FAMILY_PRACTICE, PHYSICAL_THERAPIST, MASSAGE_THERAPIST));
        m.put("DEPRESSION_ANXIETY", List.of(MENTAL_HEALTH_COUNSELOR, PSYCHIATRIST));
        m.put("WEIGHT_LOSS", List.of(PERSONAL_TRAINER, NUTRITIONIST));
        m.put("FERTILITY", List.of(OB_GYN, NATUROPATHIC_DOCTOR, NUTRITIONIST));
        m.put("SPORTS_INJURY", List.of(PHYSICAL_THERAPIST, PERSONAL_TRAINER, MASSAGE_THERAPIST, CHIROPRACTOR));
        DEFAULTS = java.util.Collections.unmodifiableMap(m);
    }

    private TargetFocuses() {
    }
}
