package app.rapport.reports.plugin;

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
 * and recipient Practitioners, and one Observation per objective measure (current value, with the
 * baseline as a component), LOINC-coded where a code is known and UCUM units where they fit.
 * Built from plain records: the receiving EHR needs valid JSON, not a FHIR object model here.
 */
@Singleton
public class FhirBundleRenderer implements ReportRenderer {

    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String PAIN_NRS_LOINC = "72514-3";
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
        for (ReportContent.Measure m : c.measures()) {
            String id = uuid(reportId + "/measure/" + i++);
            observations.add(ref(id));
            observationEntries.add(new Entry(urn(id), observation(id, patientId, m)));
        }
        String status = doc.report().status() == ReportStatus.SENT ? "final" : "preliminary";
        Instant date = doc.report().sentAt() != null ? doc.report().sentAt() : doc.report().updatedAt();
        List<Section> sections = List.of(
                section("Cover letter", c.coverLetter(), List.of(ref(recipientId))),
                section("Treatment planned and rationale", c.treatmentPlanned() + "\n" + c.rationale(), null),
                section("Frequency and duration", c.visitsPerWeek() + " visits per week for " + c.durationWeeks() + " weeks", null),
                section("Goals and anticipated outcomes", String.join("\n", c.goals().stream()
                        .map(g -> g.goal() + " - anticipated: " + g.anticipatedOutcome()).toList()), null),
                section("Objective measures", String.join("\n", c.measures().stream()
                        .map(m -> m.name() + ": " + m.baseline().toPlainString() + " -> " + m.current().toPlainString()
                                + " " + m.unit()).toList()), observations),
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

    private static Observation observation(String id, String patientId, ReportContent.Measure m) {
        String loinc = m.loinc() != null ? m.loinc()
                : m.name().toLowerCase(Locale.ROOT).contains("pain") ? PAIN_NRS_LOINC : null;
        CodeableConcept code = new CodeableConcept(loinc == null ? null : List.of(new Coding(LOINC, loinc, m.name())), m.name());
        return new Observation("Observation", id, "final",
                List.of(new CodeableConcept(List.of(new Coding("http://terminology.hl7.org/CodeSystem/observation-category",
                        "exam", "Exam")), null)),
                code, ref(patientId), m.measuredOn() == null ? null : m.measuredOn().toString(), quantity(m.current(), m.unit()),
                List.of(new Component(new CodeableConcept(null, "Baseline" + (m.baselineOn() == null ? "" : " " + m.baselineOn())),
                        quantity(m.baseline(), m.unit()))));
    }

    private static Quantity quantity(BigDecimal value, String unit) {
        String ucum = UCUM_UNITS.get(unit.toLowerCase(Locale.ROOT));
        return new Quantity(value, unit, ucum == null ? null : UCUM, ucum);
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
        return new Reference(urn(id));
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
    public record Reference(String reference) {
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
                              Quantity valueQuantity, List<Component> component) {
    }
}
