package app.rapport.reports;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one page of a PDF draws, in PDF points from the bottom-left corner: the stroked paths made
 * only of straight lines, the filled paths with curves (round marks), and where each line of text
 * starts. Lets a test check a chart is drawn where its data says, not merely that a PDF exists.
 */
final class PdfDrawing {

    record Point(double x, double y) {
    }

    /** A run of text on one baseline; {@link #xOf} finds where a piece of it starts. */
    record TextLine(String text, double y, List<Double> xs) {
        Optional<Double> xOf(String piece) {
            int i = text.indexOf(piece);
            return i < 0 ? Optional.empty() : Optional.of(xs.get(i));
        }

        double endXOf(String piece) {
            return xs.get(text.indexOf(piece) + piece.length());
        }
    }

    final List<List<Point>> strokedLines = new ArrayList<>();
    final List<Point> roundMarks = new ArrayList<>();
    final List<TextLine> text = new ArrayList<>();

    /** The drawing of the first page whose text contains {@code marker}. */
    static PdfDrawing ofPageWith(byte[] pdf, String marker) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (int i = 0; i < doc.getNumberOfPages(); i++) {
                PdfDrawing d = new PdfDrawing();
                d.read(doc, i);
                if (d.text.stream().anyMatch(l -> l.text().contains(marker))) {
                    return d;
                }
            }
        }
        throw new AssertionError("no page shows " + marker);
    }

    List<TextLine> linesContaining(String piece) {
        return text.stream().filter(l -> l.text().contains(piece)).toList();
    }

    private void read(PDDocument doc, int index) throws IOException {
        PDPage page = doc.getPage(index);
        new Paths(page).processPage(page);
        double height = page.getMediaBox().getHeight();
        TreeMap<Double, List<TextPosition>> byBaseline = new TreeMap<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition t) {
                byBaseline.computeIfAbsent(Math.rint(t.getYDirAdj() * 2) / 2, y -> new ArrayList<>()).add(t);
            }
        };
        stripper.setStartPage(index + 1);
        stripper.setEndPage(index + 1);
        stripper.getText(doc);
        byBaseline.forEach((y, chars) -> {
            chars.sort(Comparator.comparingDouble(TextPosition::getXDirAdj));
            StringBuilder s = new StringBuilder();
            List<Double> xs = new ArrayList<>();
            for (TextPosition t : chars) {
                s.append(t.getUnicode());
                for (int k = 0; k < t.getUnicode().length(); k++) {
                    xs.add((double) t.getXDirAdj());
                }
            }
            TextPosition last = chars.get(chars.size() - 1);
            xs.add((double) (last.getXDirAdj() + last.getWidthDirAdj()));
            text.add(new TextLine(s.toString(), height - y, xs));
        });
    }

    /** Collects paths as the page's content stream builds them (form XObjects and cell events included). */
    private final class Paths extends PDFGraphicsStreamEngine {
        private final List<Point> current = new ArrayList<>();
        private boolean curved;
        private Point2D last = new Point2D.Double();

        Paths(PDPage page) {
            super(page);
        }

        @Override
        public void moveTo(float x, float y) {
            if (!current.isEmpty()) {
                current.clear();
            }
            current.add(new Point(x, y));
            last = new Point2D.Float(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            current.add(new Point(x, y));
            last = new Point2D.Float(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            curved = true;
            current.add(new Point(x3, y3));
            last = new Point2D.Float(x3, y3);
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            reset();
        }

        @Override
        public void strokePath() {
            if (!curved && current.size() > 1) {
                strokedLines.add(List.copyOf(current));
            }
            reset();
        }

        @Override
        public void fillPath(int windingRule) {
            if (curved && !current.isEmpty()) {
                // The centre of the mark's bounding box: a circle's four curves end on its edge.
                double x = (current.stream().mapToDouble(Point::x).min().orElseThrow()
                        + current.stream().mapToDouble(Point::x).max().orElseThrow()) / 2;
                double y = (current.stream().mapToDouble(Point::y).min().orElseThrow()
                        + current.stream().mapToDouble(Point::y).max().orElseThrow()) / 2;
                roundMarks.add(new Point(x, y));
            }
            reset();
        }

        @Override
        public void fillAndStrokePath(int windingRule) {
            reset();
        }

        @Override
        public void endPath() {
            reset();
        }

        private void reset() {
            current.clear();
            curved = false;
        }

        @Override
        public void closePath() {
        }

        @Override
        public Point2D getCurrentPoint() {
            return last;
        }

        @Override
        public void clip(int windingRule) {
        }

        @Override
        public void drawImage(PDImage pdImage) {
        }

        @Override
        public void shadingFill(COSName shadingName) {
        }
    }
}
