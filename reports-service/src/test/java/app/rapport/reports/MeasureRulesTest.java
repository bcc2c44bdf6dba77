package app.rapport.reports;

import app.rapport.reports.domain.MeasureProgress;
import app.rapport.reports.domain.Measurement;
import app.rapport.reports.domain.ObjectiveMeasure;
import app.rapport.reports.domain.ReportContent;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The measure catalogue's ranges and the measures table's rules, with no container. */
class MeasureRulesTest {

    private static final LocalDate MAR_3 = LocalDate.of(2025, 3, 3);

    private static Measurement taken(ObjectiveMeasure measure, String value, LocalDate on, Integer visit) {
        return new Measurement("m-" + measure + "-" + on + "-" + value, "clinic", "ref", measure, new BigDecimal(value), on,
                "Dr. Ana Ruiz", visit, "tester", Instant.parse("2025-03-03T10:00:00Z"), null, null, 0);
    }

    private static ReportContent.Measure written(String name, String unit, int baseline, int current, String loinc,
                                                 ObjectiveMeasure key) {
        return new ReportContent.Measure(name, loinc, unit, BigDecimal.valueOf(baseline), BigDecimal.valueOf(current),
                null, null, key == null ? null : key.key());
    }

    @Test
    void aMeasuresValueMustLieInItsRangeWithTheDecimalsItAllows() {
        ObjectiveMeasure pain = ObjectiveMeasure.PAIN_NRS;
        assertThat(pain.problemWith(new BigDecimal("0"))).isEmpty();
        assertThat(pain.problemWith(new BigDecimal("10"))).isEmpty();
        assertThat(pain.problemWith(new BigDecimal("10.00"))).isEmpty();
        assertThat(pain.problemWith(new BigDecimal("11"))).get().asString().contains("between 0 and 10");
        assertThat(pain.problemWith(new BigDecimal("-1"))).isPresent();
        assertThat(pain.problemWith(new BigDecimal("3.5"))).get().asString().contains("whole number");
        assertThat(ObjectiveMeasure.GRIP_STRENGTH.problemWith(new BigDecimal("32.5"))).isEmpty();
        assertThat(ObjectiveMeasure.GRIP_STRENGTH.problemWith(new BigDecimal("32.55"))).isPresent();
        assertThat(ObjectiveMeasure.OSWESTRY_DISABILITY_INDEX.problemWith(new BigDecimal("101"))).isPresent();
    }

    @Test
    void onlyVerifiedLoincCodesAreUsedAndEveryOtherMeasureHasTheLocalCode() {
        assertThat(ObjectiveMeasure.PAIN_NRS.codeSystem()).isEqualTo("http://loinc.org");
        assertThat(ObjectiveMeasure.PAIN_NRS.code()).isEqualTo("72514-3");
        assertThat(ObjectiveMeasure.LUMBAR_FLEXION.codeSystem()).isEqualTo("https://rapport.app/fhir/CodeSystem/measures");
        assertThat(ObjectiveMeasure.LUMBAR_FLEXION.code()).isEqualTo("LUMBAR_FLEXION");
    }

    @Test
    void aContentMeasureIsACatalogueMeasureByItsKeyOrByALoincCodeTheCatalogueHasButNeverByItsName() {
        assertThat(ObjectiveMeasure.of(written("Back pain", "{score}", 7, 3, null, ObjectiveMeasure.PAIN_NRS)))
                .contains(ObjectiveMeasure.PAIN_NRS);
        assertThat(ObjectiveMeasure.of(written("NRS", "{score}", 7, 3, "72514-3", null))).contains(ObjectiveMeasure.PAIN_NRS);
        assertThat(ObjectiveMeasure.of(written("Pain (NRS 0-10)", "{score}", 7, 3, null, null))).isEmpty();
        assertThat(ObjectiveMeasure.of(written("Pain", "{score}", 7, 3, "38208-5", null))).isEmpty();
    }

    @Test
    void recordedMeasurementsMakeTheRowFromBaselineToLatestInTheOrderTheyWereTaken() {
        List<MeasureProgress> table = MeasureProgress.table(List.of(
                taken(ObjectiveMeasure.PAIN_NRS, "3", MAR_3.plusDays(28), 9),
                taken(ObjectiveMeasure.PAIN_NRS, "7", MAR_3, 1),
                taken(ObjectiveMeasure.LUMBAR_FLEXION, "40", MAR_3, 1),
                taken(ObjectiveMeasure.PAIN_NRS, "5", MAR_3.plusDays(14), 5),
                taken(ObjectiveMeasure.LUMBAR_FLEXION, "30", MAR_3.plusDays(14), 5)), List.of());

        assertThat(table).extracting(MeasureProgress::measure)
                .containsExactly(ObjectiveMeasure.PAIN_NRS, ObjectiveMeasure.LUMBAR_FLEXION);
        MeasureProgress pain = table.get(0);
        assertThat(pain.points()).extracting(p -> p.value().intValue()).containsExactly(7, 5, 3);
        assertThat(pain.baseline().measuredOn()).isEqualTo(MAR_3);
        assertThat(pain.latest().visitNumber()).isEqualTo(9);
        assertThat(pain.change()).isEqualByComparingTo("-4");
        assertThat(pain.improved()).isTrue();                    // lower pain is better
        assertThat(table.get(1).change()).isEqualByComparingTo("-10");
        assertThat(table.get(1).improved()).isFalse();           // less flexion is worse
        assertThat(pain.recorded()).isTrue();
    }

    @Test
    void recordedMeasuresReplaceTheSameMeasureInTheContentAndTheOthersStay() {
        List<MeasureProgress> table = MeasureProgress.table(
                List.of(taken(ObjectiveMeasure.PAIN_NRS, "6", MAR_3, 1)),
                List.of(written("Pain (NRS 0-10)", "{score}", 8, 2, "72514-3", null),
                        written("Sit-to-stand", "s", 20, 12, null, null),
                        written("ODI", "percent", 42, 24, null, ObjectiveMeasure.OSWESTRY_DISABILITY_INDEX)));

        assertThat(table).extracting(MeasureProgress::name)
                .containsExactly("Pain severity (NRS 0-10)", "Sit-to-stand", "ODI");
        assertThat(table.get(0).points()).hasSize(1);
        assertThat(table.get(0).baseline().value()).isEqualByComparingTo("6");
        MeasureProgress unknown = table.get(1);
        assertThat(unknown.measure()).isNull();
        assertThat(unknown.recorded()).isFalse();
        assertThat(unknown.improved()).isNull();                 // the catalogue does not say which way is better
        assertThat(unknown.change()).isEqualByComparingTo("-8");
        assertThat(unknown.unit()).isEqualTo("s");
        assertThat(table.get(2).measure()).isEqualTo(ObjectiveMeasure.OSWESTRY_DISABILITY_INDEX);
        assertThat(table.get(2).unit()).isEqualTo("%");                // the catalogue's unit, whatever was typed
        assertThat(table.get(2).improved()).isTrue();
    }
}
