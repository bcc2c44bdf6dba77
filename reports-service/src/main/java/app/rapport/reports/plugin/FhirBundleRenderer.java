package app.rapport.reports.plugin;

import app.rapport.reports.domain.MeasureProgress;
import app.rapport.reports.domain.ObjectiveMeasure;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.ReportContent;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The report as an HL7 FHIR R4 document Bundle: Composition (the sections), Patient, the author
 * and recipient Practitioners, and the objective measures as Observations: one per measurement
 * recorded (taken on its day, by its performer), and one per measure written only in the content
 * (current value, with the baseline as a component). Observation codes come only from the
 * catalogue ({@link ObjectiveMeasure}); a measure it does not know carries its name as
 * {@code code.text} and no coding. Built from plain records: the receiving EHR needs valid JSON,
 * not a FHIR object model here.
 */
@Singleton
public class FhirBundleRenderer implements ReportRenderer {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    private static final List<CodeableConcept> EXAM = List.of(new CodeableConcept(List.of(new Coding(
            "http://terminology.hl7.org/CodeSystem/observation-category", "exam", "Exam")), null));
    private static final Map<String, String> UCUM_UNITS = Map.ofEntries(
            Map.entry("deg", "deg"), Map.entry("degrees", "deg"), Map.entry("%", "%"), Map.entry("percent", "%"),
            Map.entry("{score}", "{score}"), Map.entry("score", "{score}"), Map.entry("points", "{score}"),
            Map.entry("cm", "cm"), Map.entry("mm", "mm"), Map.entry("kg", "kg"), Map.entry("s", "s"),
            Map.entry("min", "min"), Map.entry("/min", "/min"), Map.entry("mm[hg]", "mm[Hg]"), Map.entry("m", "m"));

    private final JsonMapper json;

    public FhirBundleRenderer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public String name() {
        return "fhir-bundle";
    }

    @Override
    public String description() {
        return "HL7 FHIR R4 document Bundle: Composition, Patient, Practitioners and an Observation per measure";
    }

    @Override
    public String format() {
        return "fhir";
    }

    @Override
    public String mediaType() {
        return "application/fhir+json";
    }

    @Override
    public byte[] render(ReportDocument doc) {
        try {
            return json.writeValueAsBytes(bundle(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Bundle bundle(ReportDocument doc) {
        String reportId = doc.report().id();
        ReferralRecord referral = doc.referral();
        ReportContent c = doc.content();
        String patientId = referral.patientReference();
        String authorId = uuid(doc.clinicId() + "/clinician/" + (referral.treatingName() == null ? "" : referral.treatingName()));
        String recipientId = doc.recipient().id();

        List<Entry> entries = new ArrayList<>();
        List<Reference> observations = new ArrayList<>();
        List<Entry> observationEntries = new ArrayList<>();
        int i = 0;
        for (MeasureProgress row : doc.measures()) {
            if (row.recorded()) {
                for (MeasureProgress.Point p : row.points()) {
                    String id = uuid(reportId + "/measurement/" + p.measurementId());
                    observations.add(ref(id));
                    observationEntries.add(new Entry(urn(id), measurement(id, patientId, row, p)));
                }
            } else {
                String id = uuid(reportId + "/measure/" + i++);
                observations.add(ref(id));
                observationEntries.add(new Entry(urn(id), measureWritten(id, patientId, row)));
            }
        }
        String status = doc.report().status() == ReportStatus.SENT ? "final" : "preliminary";
        Instant date = doc.report().sentAt() != null ? doc.report().sentAt() : doc.report().updatedAt();
        List<Section> sections = List.of(
                section("Cover letter", c.coverLetter(), List.of(ref(recipientId))),
                section("Treatment planned and rationale", c.treatmentPlanned() + "\n" + c.rationale(), null),
                section("Frequency and duration", c.visitsPerWeek() + " visits per week for " + c.durationWeeks() + " weeks", null),
                section("Goals and anticipated outcomes", String.join("\n", c.goals().stream()
                        .map(g -> g.goal() + " - anticipated: " + g.anticipatedOutcome()).toList()), null),
                section("Objective measures", String.join("\n", doc.measures().stream()
                        .map(m -> m.name() + ": " + MeasureProgress.plain(m.baseline().value()) + " -> "
                                + MeasureProgress.plain(m.latest().value()) + " " + m.unit()).toList()), observations),
                section("History", c.history(), null),
                section("Examination", c.examination(), null),
                section("Diagnosis", "ICD-10: " + String.join(", ", c.diagnosisCodes())
                        + (c.diagnosisNarrative() == null ? "" : "\n" + c.diagnosisNarrative()), null),
                section("References", c.references() == null || c.references().isEmpty() ? "None cited"
                        : String.join("\n", c.references().stream().map(ReportContent.JournalReference::citation).toList()), null));
        Composition composition = new Composition("Composition", reportId, status,
                new CodeableConcept(List.of(compositionType(doc.report().type())), null),
                ref(patientId), date.toString(), List.of(ref(authorId)), title(doc.report().type()), sections);
        entries.add(new Entry(urn(reportId), composition));
        entries.add(new Entry(urn(patientId), new Patient("Patient", patientId,
                List.of(new Identifier("urn:rapport:patient-reference", patientId)),
                List.of(new HumanName(null, referral.patientLastName(), List.of(referral.patientFirstName()))),
                referral.patientBirthDate().toString())));
        entries.add(new Entry(urn(authorId), new Practitioner("Practitioner", authorId, List.of(new HumanName(
                referral.treatingName() == null ? "Treating clinician" : referral.treatingName()
                        + (referral.treatingCredentials() == null ? "" : ", " + referral.treatingCredentials()), null, null)))));
        entries.add(new Entry(urn(recipientId), new Practitioner("Practitioner", recipientId,
                List.of(new HumanName(doc.recipient().displayName(), doc.recipient().lastName(),
                        List.of(doc.recipient().firstName()))))));
        entries.addAll(observationEntries);
        return new Bundle("Bundle", uuid(reportId + "/bundle/" + date), new Identifier("urn:ietf:rfc:3986", urn(reportId)),
                "document", date.toString(), entries);
    }

    /** A measurement recorded at a visit: taken on its day by its performer. */
    private static Observation measurement(String id, String patientId, MeasureProgress row, MeasureProgress.Point p) {
        return new Observation("Observation", id, "final", EXAM, code(row), ref(patientId), p.measuredOn().toString(),
                quantity(p.value(), row), null, List.of(new Reference(null, p.measuredBy())));
    }

    /** A measure written only in the report's content: the current value, with the baseline as a component. */
    private static Observation measureWritten(String id, String patientId, MeasureProgress row) {
        MeasureProgress.Point baseline = row.baseline();
        MeasureProgress.Point current = row.latest();
        return new Observation("Observation", id, "final", EXAM, code(row), ref(patientId),
                current.measuredOn() == null ? null : current.measuredOn().toString(), quantity(current.value(), row),
                List.of(new Component(new CodeableConcept(null, "Baseline"
                        + (baseline.measuredOn() == null ? "" : " " + baseline.measuredOn())), quantity(baseline.value(), row))),
                null);
    }

    /** Coded only from the catalogue: the measure's name alone is never turned into a code. */
    private static CodeableConcept code(MeasureProgress row) {
        ObjectiveMeasure m = row.measure();
        return new CodeableConcept(m == null ? null : List.of(new Coding(m.codeSystem(), m.code(), m.displayName())), row.name());
    }

    private static Quantity quantity(BigDecimal value, MeasureProgress row) {
        if (row.measure() != null) {
            return new Quantity(value, row.measure().unitLabel(), UCUM, row.measure().ucum());
        }
        String ucum = UCUM_UNITS.get(row.unit().toLowerCase(Locale.ROOT));
        return new Quantity(value, row.unit(), ucum == null ? null : UCUM, ucum);
    }

    private static Coding compositionType(ReportType type) {
        return switch (type) {
            case INITIAL -> new Coding(LOINC, "11488-4", "Consult note");
            case PROGRESS -> new Coding(LOINC, "11506-3", "Progress note");
            case DISCHARGE -> new Coding(LOINC, "18842-5", "Discharge summary");
        };
    }

    private static String title(ReportType type) {
        return switch (type) {
            case INITIAL -> "Initial Evaluation and Plan of Care";
            case PROGRESS -> "Progress Report";
            case DISCHARGE -> "Discharge Summary";
        };
    }

    private static Section section(String title, String text, @Nullable List<Reference> entries) {
        return new Section(title, new Narrative("generated", "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + xhtml(text) + "</div>"), entries);
    }

    private static String xhtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>");
    }

    private static Reference ref(String id) {
        return new Reference(urn(id), null);
    }

    private static String urn(String id) {
        return "urn:uuid:" + id;
    }

    private static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    @Serdeable
    public record Bundle(String resourceType, String id, Identifier identifier, String type, String timestamp,
                         List<Entry> entry) {
    }

    @Serdeable
    public record Entry(String fullUrl, Object resource) {
    }

    @Serdeable
    public record Identifier(String system, String value) {
    }

    @Serdeable
    public record Reference(@Nullable String reference, @Nullable String display) {
    }

    @Serdeable
    public record Coding(String system, String code, @Nullable String display) {
    }

    @Serdeable
    public record CodeableConcept(@Nullable List<Coding> coding, @Nullable String text) {
    }

    @Serdeable
    public record Narrative(String status, String div) {
    }

    @Serdeable
    public record HumanName(@Nullable String text, @Nullable String family, @Nullable List<String> given) {
    }

    @Serdeable
    public record Quantity(BigDecimal value, String unit, @Nullable String system, @Nullable String code) {
    }

    @Serdeable
    public record Component(CodeableConcept code, Quantity valueQuantity) {
    }

    @Serdeable
    public record Section(String title, Narrative text, @Nullable List<Reference> entry) {
    }

    @Serdeable
    public record Composition(String resourceType, String id, String status, CodeableConcept type, Reference subject,
                              String date, List<Reference> author, String title, List<Section> section) {
    }

    @Serdeable
    public record Patient(String resourceType, String id, List<Identifier> identifier, List<HumanName> name,
                          String birthDate) {
    }

    @Serdeable
    public record Practitioner(String resourceType, String id, List<HumanName> name) {
    }

    @Serdeable
    public record Observation(String resourceType, String id, String status, List<CodeableConcept> category,
                              CodeableConcept code, Reference subject, @Nullable String effectiveDateTime,
                              Quantity valueQuantity, @Nullable List<Component> component,
                              @Nullable List<Reference> performer) {
    }
}
