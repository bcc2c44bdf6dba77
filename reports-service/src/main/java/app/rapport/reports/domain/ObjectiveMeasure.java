package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of objective measures a clinic records per visit: the one place that says what a
 * measure is called, its UCUM unit, the values it can take, which direction is improvement and how
 * it is coded in FHIR. The key is the constant's name.
 * <p>
 * LOINC codes only where verified (pain NRS 72514-3; Oswestry Disability Index score 97909-6);
 * every other measure is coded in Rapport's own code system ({@link #LOCAL_SYSTEM}, code = key) so
 * no receiving EHR is told a LOINC code nobody checked.
 */
public enum ObjectiveMeasure {

    PAIN_NRS("Pain severity (NRS 0-10)", "{score}", "points", 0, 10, 0, true, "72514-3"),
    OSWESTRY_DISABILITY_INDEX("Oswestry Disability Index", "%", "%", 0, 100, 1, true, "97909-6"),
    NECK_DISABILITY_INDEX("Neck Disability Index", "%", "%", 0, 100, 1, true, null),
    LUMBAR_FLEXION("Lumbar flexion", "deg", "degrees", 0, 120, 0, false, null),
    CERVICAL_ROTATION("Cervical rotation", "deg", "degrees", 0, 90, 0, false, null),
    GRIP_STRENGTH("Grip strength", "kg", "kg", 0, 100, 1, false, null),
    PATIENT_SPECIFIC_FUNCTIONAL_SCALE("Patient-Specific Functional Scale", "{score}", "points", 0, 10, 2, false, null);

    public static final String LOINC_SYSTEM = "http://loinc.org";
    public static final String LOCAL_SYSTEM = "https://rapport.app/fhir/CodeSystem/measures";

    private final String displayName;
    private final String ucum;
    private final String unitLabel;
    private final BigDecimal min;
    private final BigDecimal max;
    private final int decimals;
    private final boolean lowerIsBetter;
    private final String loinc;

    ObjectiveMeasure(String displayName, String ucum, String unitLabel, int min, int max, int decimals,
                     boolean lowerIsBetter, @Nullable String loinc) {
        this.displayName = displayName;
        this.ucum = ucum;
        this.unitLabel = unitLabel;
        this.min = BigDecimal.valueOf(min);
        this.max = BigDecimal.valueOf(max);
        this.decimals = decimals;
        this.lowerIsBetter = lowerIsBetter;
        this.loinc = loinc;
    }

    public String key() {
        return name();
    }

    public String displayName() {
        return displayName;
    }

    /** The UCUM code, as FHIR's {@code valueQuantity.code}. */
    public String ucum() {
        return ucum;
    }

    /** The unit as a reader of the PDF says it. */
    public String unitLabel() {
        return unitLabel;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    /** Decimal places a value may have: a pain NRS is a whole number, a PSFS an average of activities. */
    public int decimals() {
        return decimals;
    }

    public boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    @Nullable
    public String loinc() {
        return loinc;
    }

    /** The Observation coding: LOINC where verified, else the local code system with the key. */
    public String codeSystem() {
        return loinc == null ? LOCAL_SYSTEM : LOINC_SYSTEM;
    }

    public String code() {
        return loinc == null ? key() : loinc;
    }

    /** @return what is wrong with {@code value} for this measure, or empty when it is a possible value */
    public Optional<String> problemWith(BigDecimal value) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            return Optional.of("must be between " + min.toPlainString() + " and " + max.toPlainString() + " "
                    + unitLabel + " for " + displayName);
        }
        if (value.stripTrailingZeros().scale() > decimals) {
            return Optional.of(decimals == 0 ? "must be a whole number for " + displayName
                    : "may have at most " + decimals + " decimal place" + (decimals == 1 ? "" : "s") + " for " + displayName);
        }
        return Optional.empty();
    }

    public static Optional<ObjectiveMeasure> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst();
    }

    /** The catalogue measure a measure of a report's content names: by its key, else by a LOINC code the catalogue has. */
    public static Optional<ObjectiveMeasure> of(ReportContent.Measure m) {
        if (m.key() != null) {
            return byKey(m.key());
        }
        return m.loinc() == null ? Optional.empty()
                : Arrays.stream(values()).filter(c -> m.loinc().equals(c.loinc)).findFirst();
    }
}
