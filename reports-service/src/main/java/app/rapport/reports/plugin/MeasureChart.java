package app.rapport.reports.plugin;

import app.rapport.reports.domain.MeasureProgress;
import app.rapport.reports.domain.ObjectiveMeasure;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPCellEvent;
import com.lowagie.text.pdf.PdfPTable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * A small vector chart of one measure over time: axes, a point per measurement joined by a line,
 * the measure's range on the value axis, the first and last day on the time axis, and which way is
 * better. Drawn as a table cell's event, so it flows with the report and never splits over a page.
 * The value axis spans the catalogue's whole range (0-10 for pain), so a small change never looks steep.
 */
final class MeasureChart implements PdfPCellEvent {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US);
    private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA, 7);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 8);
    private static final float HEIGHT = 120;

    private final MeasureProgress row;

    private MeasureChart(MeasureProgress row) {
        this.row = row;
    }

    /** The chart as a table cell of its own height, drawn when the cell is laid out; the row's points must all be dated. */
    static PdfPCell cell(MeasureProgress row) {
        PdfPCell cell = new PdfPCell();
        cell.setFixedHeight(HEIGHT);
        cell.setBorder(Rectangle.NO_BORDER);
        cell.setCellEvent(new MeasureChart(row));
        return cell;
    }

    static String title(MeasureProgress row) {
        ObjectiveMeasure m = row.measure();
        return row.name() + " (" + row.unit() + ")"
                + (m == null ? "" : m.lowerIsBetter() ? " - lower is better" : " - higher is better");
    }

    @Override
    public void cellLayout(PdfPCell cell, Rectangle box, PdfContentByte[] canvases) {
        PdfContentByte cb = canvases[PdfPTable.LINECANVAS];
        float left = box.getLeft() + 34;
        float right = box.getRight() - 40;
        float bottom = box.getBottom() + 20;
        float top = box.getTop() - 22;
        ColumnText.showTextAligned(cb, Element.ALIGN_LEFT, new Phrase(title(row), TITLE), box.getLeft() + 2,
                box.getTop() - 11, 0);

        cb.saveState();
        cb.setLineWidth(0.6f);
        cb.setGrayStroke(0.2f);
        cb.moveTo(left, top);
        cb.lineTo(left, bottom);
        cb.lineTo(right, bottom);
        cb.stroke();
        cb.restoreState();

        BigDecimal lo = row.measure() != null ? row.measure().min() : BigDecimal.ZERO;
        BigDecimal hi = row.measure() != null ? row.measure().max() : niceMaximum(row.points());
        label(cb, Element.ALIGN_RIGHT, MeasureProgress.plain(lo), left - 3, bottom - 2);
        label(cb, Element.ALIGN_RIGHT, MeasureProgress.plain(hi), left - 3, top - 2);
        LocalDate first = row.baseline().measuredOn();
        LocalDate last = row.latest().measuredOn();
        long span = ChronoUnit.DAYS.between(first, last);
        label(cb, span == 0 ? Element.ALIGN_CENTER : Element.ALIGN_LEFT, first.format(DAY),
                span == 0 ? (left + right) / 2 : left, bottom - 10);
        if (span > 0) {
            label(cb, Element.ALIGN_RIGHT, last.format(DAY), right, bottom - 10);
        }

        List<float[]> xy = row.points().stream().map(p -> new float[]{
                span == 0 ? (left + right) / 2 : left + (right - left) * ChronoUnit.DAYS.between(first, p.measuredOn()) / span,
                bottom + (top - bottom) * p.value().subtract(lo).floatValue() / hi.subtract(lo).floatValue()}).toList();
        cb.saveState();
        cb.setRGBColorStroke(31, 95, 168);
        cb.setRGBColorFill(31, 95, 168);
        if (xy.size() > 1) {
            cb.setLineWidth(1.2f);
            cb.moveTo(xy.get(0)[0], xy.get(0)[1]);
            for (float[] p : xy.subList(1, xy.size())) {
                cb.lineTo(p[0], p[1]);
            }
            cb.stroke();
        }
        for (float[] p : xy) {
            cb.circle(p[0], p[1], 2f);
            cb.fill();
        }
        cb.restoreState();
        // The latest value beside its point, so the chart reads without the table.
        float[] end = xy.get(xy.size() - 1);
        label(cb, Element.ALIGN_LEFT, MeasureProgress.plain(row.latest().value()), end[0] + 4, end[1] - 2);
    }

    private static void label(PdfContentByte cb, int align, String text, float x, float y) {
        ColumnText.showTextAligned(cb, align, new Phrase(text, LABEL), x, y, 0);
    }

    /** A measure the catalogue does not know has no range: the axis runs from 0 to a round number above its values. */
    private static BigDecimal niceMaximum(List<MeasureProgress.Point> points) {
        BigDecimal max = points.stream().map(MeasureProgress.Point::value).max(BigDecimal::compareTo).orElse(BigDecimal.ONE);
        if (max.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal step = BigDecimal.TEN.pow(Math.max(0, max.precision() - max.scale() - 1));
        return max.divide(step, 0, RoundingMode.FLOOR).add(BigDecimal.ONE).multiply(step);
    }
}
