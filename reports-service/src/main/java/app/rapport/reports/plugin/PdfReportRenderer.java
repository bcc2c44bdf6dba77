package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.MeasureProgress;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.ReportContent;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.ReportType;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.ColumnText;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The report as the referring physician reads it: a cover letter, then the four parts (treatment
 * and why; frequency and duration; goals and anticipated outcomes; objective measures), then
 * history, examination, diagnosis and references. Every page says "Patient Records: Confidential".
 */
@Singleton
public class PdfReportRenderer implements ReportRenderer {

    public static final String CONFIDENTIAL = "Patient Records: Confidential";
    public static final String PART_TREATMENT = "1. Treatment planned and rationale";
    public static final String PART_FREQUENCY = "2. Frequency and duration";
    public static final String PART_GOALS = "3. Goals and anticipated outcomes";
    public static final String PART_MEASURES = "4. Objective measures";

    private static final DateTimeFormatter DAY = Letterheads.DAY;
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 14);
    private static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 8);
    private static final Font STAMP = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 9);

    private final Letterheads letterheads;

    public PdfReportRenderer(Letterheads letterheads) {
        this.letterheads = letterheads;
    }

    @Override
    public String name() {
        return "pdf-report";
    }

    @Override
    public String description() {
        return "PDF with a cover letter, every page marked \"Patient Records: Confidential\"";
    }

    @Override
    public String format() {
        return "pdf";
    }

    @Override
    public String mediaType() {
        return "application/pdf";
    }

    @Override
    public byte[] render(ReportDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.LETTER, 54, 54, 72, 72);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new ConfidentialStamp());
            pdf.addTitle(title(doc.report().type()));
            pdf.open();
            coverLetter(pdf, doc);
            pdf.newPage();
            report(pdf, doc);
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render report " + doc.report().id(), e);
        }
        return out.toByteArray();
    }

    private void coverLetter(Document pdf, ReportDocument doc) {
        ReferralRecord referral = doc.referral();
        Practitioner to = doc.recipient();
        ReportContent c = doc.content();
        ClinicProfile clinic = letterheads.of(doc.clinicId()).orElse(null);
        LetterheadPdf.letterhead(pdf, clinic);
        pdf.add(new Paragraph(letterheads.datedOn(doc.clinicId(), doc.report().sentAt()).format(DAY), BODY));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph(to.displayName(), BODY));
        if (to.organization() != null) {
            pdf.add(new Paragraph(to.organization(), BODY));
        }
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph("Re: " + patientName(referral) + ", born " + referral.patientBirthDate().format(DAY), HEADING));
        if (referral.reason() != null) {
            pdf.add(new Paragraph("Referred for: " + referral.reason(), BODY));
        }
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph("Dear " + to.firstName() + " " + to.lastName() + ",", BODY));
        pdf.add(new Paragraph(c.coverLetter(), BODY));
        LetterheadPdf.signature(pdf, Letterheads.signature(referral, clinic));
    }

    private void report(Document pdf, ReportDocument doc) {
        ReportContent c = doc.content();
        pdf.add(new Paragraph(title(doc.report().type()), TITLE));
        pdf.add(new Paragraph("Patient: " + patientName(doc.referral()) + "    Born: "
                + doc.referral().patientBirthDate().format(DAY), BODY));
        section(pdf, PART_TREATMENT);
        pdf.add(new Paragraph(c.treatmentPlanned(), BODY));
        pdf.add(new Paragraph("Why: " + c.rationale(), BODY));
        section(pdf, PART_FREQUENCY);
        pdf.add(new Paragraph(c.visitsPerWeek() + " visit" + (c.visitsPerWeek() == 1 ? "" : "s") + " per week for "
                + c.durationWeeks() + " week" + (c.durationWeeks() == 1 ? "" : "s") + " ("
                + c.visitsPerWeek() * c.durationWeeks() + " visits planned)", BODY));
        section(pdf, PART_GOALS);
        for (ReportContent.Goal g : c.goals()) {
            pdf.add(new Paragraph("Goal: " + g.goal() + (g.targetDate() == null ? "" : " (by " + g.targetDate().format(DAY) + ")"), BODY));
            pdf.add(new Paragraph("Anticipated outcome: " + g.anticipatedOutcome(), BODY));
        }
        section(pdf, PART_MEASURES);
        measures(pdf, doc.measures());
        section(pdf, "History");
        pdf.add(new Paragraph(c.history(), BODY));
        section(pdf, "Examination");
        pdf.add(new Paragraph(c.examination(), BODY));
        section(pdf, "Diagnosis");
        pdf.add(new Paragraph("ICD-10: " + String.join(", ", c.diagnosisCodes()), BODY));
        if (c.diagnosisNarrative() != null) {
            pdf.add(new Paragraph(c.diagnosisNarrative(), BODY));
        }
        if (c.references() != null && !c.references().isEmpty()) {
            section(pdf, "References");
            int n = 1;
            for (ReportContent.JournalReference r : c.references()) {
                pdf.add(new Paragraph(n++ + ". " + r.citation() + (r.url() == null ? "" : " " + r.url()), SMALL));
            }
        }
        pdf.add(new Paragraph(" ", BODY));
        for (String line : Letterheads.signature(doc.referral(), letterheads.of(doc.clinicId()).orElse(null))) {
            pdf.add(new Paragraph(line, BODY));
        }
    }

    /**
     * The measures table (baseline, latest, change from baseline), then for each measure recorded
     * per visit every measurement (date, visit, value, who) and its chart over time.
     */
    private static void measures(Document pdf, List<MeasureProgress> rows) {
        PdfPTable table = new PdfPTable(new float[]{3.6f, 1.2f, 2f, 2f, 1.7f});
        table.setWidthPercentage(100);
        for (String h : List.of("Measure", "Unit", "Baseline", "Latest", "Change")) {
            table.addCell(new PdfPCell(new Phrase(h, HEADING)));
        }
        for (MeasureProgress m : rows) {
            table.addCell(new Phrase(m.name(), BODY));
            table.addCell(new Phrase(m.unit(), BODY));
            table.addCell(new Phrase(valueOn(m.baseline()), BODY));
            table.addCell(new Phrase(valueOn(m.latest()), BODY));
            Boolean improved = m.improved();
            table.addCell(new Phrase((m.change().signum() > 0 ? "+" : "") + MeasureProgress.plain(m.change())
                    + (improved == null ? "" : improved ? " (better)" : " (worse)"), BODY));
        }
        pdf.add(table);
        for (MeasureProgress m : rows) {
            if (!m.recorded()) {
                continue;
            }
            PdfPTable taken = new PdfPTable(new float[]{2f, 1f, 1.3f, 3.5f});
            taken.setWidthPercentage(100);
            for (String h : List.of("Date", "Visit", "Value", "Measured by")) {
                taken.addCell(new PdfPCell(new Phrase(h, STAMP)));
            }
            for (MeasureProgress.Point p : m.points()) {
                taken.addCell(new Phrase(p.measuredOn().format(MeasureChart.DAY), SMALL));
                taken.addCell(new Phrase(p.visitNumber() == null ? "" : String.valueOf(p.visitNumber()), SMALL));
                taken.addCell(new Phrase(MeasureProgress.plain(p.value()), SMALL));
                taken.addCell(new Phrase(p.measuredBy(), SMALL));
            }
            // Heading, measurements and chart as one block, so a page break never parts a chart from its values.
            PdfPTable block = new PdfPTable(1);
            block.setWidthPercentage(70);
            block.setHorizontalAlignment(Element.ALIGN_LEFT);
            block.setKeepTogether(true);
            block.setSpacingBefore(8);
            PdfPCell heading = new PdfPCell(new Phrase(m.name() + ": each measurement", STAMP));
            heading.setBorder(Rectangle.NO_BORDER);
            heading.setPaddingLeft(0);
            block.addCell(heading);
            PdfPCell values = new PdfPCell(taken);
            values.setBorder(Rectangle.NO_BORDER);
            values.setPadding(0);
            block.addCell(values);
            block.addCell(MeasureChart.cell(m));
            pdf.add(block);
        }
    }

    private static String valueOn(MeasureProgress.Point p) {
        return MeasureProgress.plain(p.value()) + (p.measuredOn() == null ? "" : " (" + p.measuredOn().format(MeasureChart.DAY) + ")");
    }

    private static void section(Document pdf, String heading) {
        Paragraph p = new Paragraph(heading, HEADING);
        p.setSpacingBefore(10);
        p.setSpacingAfter(3);
        pdf.add(p);
    }

    private static String title(ReportType type) {
        return switch (type) {
            case INITIAL -> "Initial Evaluation and Plan of Care";
            case PROGRESS -> "Progress Report";
            case DISCHARGE -> "Discharge Summary";
        };
    }

    private static String patientName(ReferralRecord r) {
        return r.patientFirstName() + " " + r.patientLastName();
    }

    /** Stamps header and footer of every page, however long the report runs. */
    static final class ConfidentialStamp extends PdfPageEventHelper {
        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            PdfContentByte cb = writer.getDirectContent();
            float center = (document.left() + document.right()) / 2;
            ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(CONFIDENTIAL, STAMP), center,
                    document.top() + 30, 0);
            ColumnText.showTextAligned(cb, Element.ALIGN_CENTER, new Phrase(new Chunk(CONFIDENTIAL + " - page "
                    + writer.getPageNumber(), SMALL)), center, document.bottom() - 30, 0);
        }
    }
}
