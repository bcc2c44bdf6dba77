package app.rapport.reports.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a progress report says: the four parts a referring physician reads (treatment planned and
 * why; frequency and duration; goals and anticipated outcomes; objective measures), backed by
 * history, examination and diagnosis, with optional journal references and a short cover letter.
 * <p>
 * Deliberately no field for advice on another provider's treatment: a clinic questions another
 * provider's care only by a respectful letter or call, never inside a report. Unknown fields are
 * refused ({@code ignoreUnknown = false}) so such advice cannot slip in under another name.
 * <p>
 * {@code measures} are the measures the clinician writes by hand; measurements recorded per visit
 * ({@link Measurement}) take the place of the same catalogue measure here, and the list may be
 * empty when the referral has recorded measurements (checked by {@link MeasurementLog#checkContent}).
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ReportContent(
        @NotBlank @Size(max = 4000) String treatmentPlanned,
        @NotBlank @Size(max = 4000) String rationale,
        @NotNull @Min(1) @Max(14) Integer visitsPerWeek,
        @NotNull @Min(1) @Max(104) Integer durationWeeks,
        @NotEmpty @Size(max = 20) List<@Valid @NotNull Goal> goals,
        @NotNull @Size(max = 30) List<@Valid @NotNull Measure> measures,
        @NotBlank @Size(max = 8000) String history,
        @NotBlank @Size(max = 8000) String examination,
        @NotEmpty @Size(max = 12) List<@NotNull @Pattern(regexp = ICD10, message = "must be an ICD-10 code such as M54.50") String> diagnosisCodes,
        @Nullable @Size(max = 2000) String diagnosisNarrative,
        @Nullable @Size(max = 20) List<@Valid @NotNull JournalReference> references,
        @NotBlank @Size(max = 3000) String coverLetter) {

    public static final String ICD10 = "^[A-TV-Z][0-9][0-9AB](\\.[0-9A-TV-Z]{1,4})?$";

    /** A specific goal and the outcome the clinician anticipates. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Goal(@NotBlank @Size(max = 500) String goal,
                       @NotBlank @Size(max = 500) String anticipatedOutcome,
                       @Nullable LocalDate targetDate) {
    }

    /**
     * An objective measure at baseline and now, e.g. pain NRS 0–10, lumbar flexion in degrees,
     * Oswestry Disability Index in percent.
     *
     * @param unit  a UCUM code where one fits ({@code deg}, {@code %}, {@code {score}}), else free text
     * @param loinc the LOINC code when the measure has one (pain NRS is 72514-3); it codes the FHIR
     *              Observation only when the catalogue ({@link ObjectiveMeasure}) has that code
     * @param key   the key of the catalogue measure this is, when it is one: its values are checked against the
     *              measure's range, and measurements recorded for the referral take its place
     */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Measure(@NotBlank @Size(max = 120) String name,
                          @Nullable @Pattern(regexp = "^[0-9]{1,7}-[0-9]$", message = "must be a LOINC code such as 72514-3") String loinc,
                          @NotBlank @Size(max = 20) String unit,
                          @NotNull @DecimalMin("0") BigDecimal baseline,
                          @NotNull @DecimalMin("0") BigDecimal current,
                          @Nullable LocalDate baselineOn,
                          @Nullable LocalDate measuredOn,
                          @Nullable @Size(max = 40) String key) {
    }

    /** Research behind the plan, cited as the clinician would. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record JournalReference(@NotBlank @Size(max = 1000) String citation,
                                   @Nullable @Size(max = 500) @Pattern(regexp = "^https?://\\S+$", message = "must be an http(s) URL") String url) {
    }
}
