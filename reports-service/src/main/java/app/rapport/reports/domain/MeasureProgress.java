package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of a report's measures table: a measure over the course of care, from its baseline (the
 * first measurement) to the latest. Built from the measurements recorded for the referral, or from
 * a measure written in the report's content (baseline and current) when none was recorded.
 *
 * @param measure the catalogue measure, or null for a content measure the catalogue does not know
 * @param points  in the order they were taken; at least one
 */
public record MeasureProgress(String name, String unit, @Nullable ObjectiveMeasure measure, List<Point> points) {

    /**
     * @param measurementId null for a value written in the report's content
     * @param measuredOn    null when the content gave no date
     * @param measuredBy    null for a value written in the report's content
     */
    public record Point(@Nullable String measurementId, @Nullable LocalDate measuredOn, BigDecimal value,
                        @Nullable String measuredBy, @Nullable Integer visitNumber) {
    }

    private static final Comparator<Measurement> TAKEN = Comparator.comparing(Measurement::measuredOn)
            .thenComparing(Measurement::visitNumber, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Measurement::recordedAt);

    public Point baseline() {
        return points.get(0);
    }

    public Point latest() {
        return points.get(points.size() - 1);
    }

    public BigDecimal change() {
        return latest().value().subtract(baseline().value());
    }

    /** @return true when the change is an improvement, false when a worsening, null when unknown or none */
    @Nullable
    public Boolean improved() {
        if (measure == null || change().signum() == 0) {
            return null;
        }
        return measure.lowerIsBetter() == change().signum() < 0;
    }

    /** 7, not 7.00: recorded values come back from the database with its scale. */
    public static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /** True when the row comes from measurements recorded per visit rather than the report's content. */
    public boolean recorded() {
        return baseline().measurementId() != null;
    }

    /**
     * The table: a row per catalogue measure recorded (in catalogue order), then the content's
     * measures whose catalogue measure was not recorded (or which the catalogue does not know), in
     * the content's order. A recorded measure replaces the same measure typed into the content.
     */
    public static List<MeasureProgress> table(List<Measurement> measurements, List<ReportContent.Measure> content) {
        Map<ObjectiveMeasure, List<Measurement>> byMeasure = new EnumMap<>(ObjectiveMeasure.class);
        measurements.stream().sorted(TAKEN).forEach(m -> byMeasure.computeIfAbsent(m.measure(), k -> new ArrayList<>()).add(m));
        List<MeasureProgress> rows = new ArrayList<>();
        byMeasure.forEach((measure, taken) -> rows.add(new MeasureProgress(measure.displayName(), measure.unitLabel(),
                measure, taken.stream().map(m -> new Point(m.id(), m.measuredOn(), m.value(), m.measuredBy(),
                        m.visitNumber())).toList())));
        Set<ObjectiveMeasure> recorded = byMeasure.keySet();
        for (ReportContent.Measure m : content) {
            ObjectiveMeasure measure = ObjectiveMeasure.of(m).orElse(null);
            if (measure == null || !recorded.contains(measure)) {
                // The clinician's words for the measure, the catalogue's unit when it is a catalogue measure.
                rows.add(new MeasureProgress(m.name(), measure == null ? m.unit() : measure.unitLabel(), measure, List.of(
                        new Point(null, m.baselineOn(), m.baseline(), null, null),
                        new Point(null, m.measuredOn(), m.current(), null, null))));
            }
        }
        return rows;
    }
}
