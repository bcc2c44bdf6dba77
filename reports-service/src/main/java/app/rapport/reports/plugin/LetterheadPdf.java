package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicProfile;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.PageSize;
import com.lowagie.text.pdf.PdfWriter;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.List;

/** The clinic's letterhead at the top of a letter's first page and the signature block at its end. */
final class LetterheadPdf {

    private static final Logger LOG = LoggerFactory.getLogger(LetterheadPdf.class);
    private static final Font NAME = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13);
    private static final Font LINE = FontFactory.getFont(FontFactory.HELVETICA, 8.5f);
    /** The type of a letter's page (letters, status updates), so every one the clinic sends reads alike. */
    static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 12);
    static final Font HEADING = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 10);

    private LetterheadPdf() {
    }

    /** Logo on the left, the clinic's name and address on the right; nothing before the profile arrives. */
    static void letterhead(Document pdf, @Nullable ClinicProfile clinic) {
        if (clinic == null) {
            return;
        }
        Image logo = logo(clinic);
        PdfPTable table = new PdfPTable(logo == null ? new float[]{1} : new float[]{1.3f, 4});
        table.setWidthPercentage(100);
        if (logo != null) {
            logo.scaleToFit(110, 55);
            PdfPCell cell = new PdfPCell(logo, false);
            cell.setBorder(Rectangle.NO_BORDER);
            cell.setVerticalAlignment(Element.ALIGN_MIDDLE);
            table.addCell(cell);
        }
        PdfPCell text = new PdfPCell();
        text.setBorder(Rectangle.BOTTOM);
        text.setPaddingBottom(6);
        text.setHorizontalAlignment(Element.ALIGN_RIGHT);
        Paragraph name = new Paragraph(clinic.clinicName(), NAME);
        name.setAlignment(Element.ALIGN_RIGHT);
        text.addElement(name);
        for (String line : clinic.letterheadLines()) {
            Paragraph p = new Paragraph(line, LINE);
            p.setAlignment(Element.ALIGN_RIGHT);
            text.addElement(p);
        }
        table.addCell(text);
        table.setSpacingAfter(14);
        pdf.add(table);
    }

    /** A letter-size PDF stamped "Patient Records: Confidential" on every page, its content drawn by {@code content}. */
    static byte[] confidential(String title, String what, Consumer<Document> content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.LETTER, 54, 54, 72, 72);
        try {
            PdfWriter writer = PdfWriter.getInstance(pdf, out);
            writer.setPageEvent(new PdfReportRenderer.ConfidentialStamp());
            pdf.addTitle(title);
            pdf.open();
            content.accept(pdf);
            pdf.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render " + what, e);
        }
        return out.toByteArray();
    }

    /** "Sincerely," and the signer's lines. */
    static void signature(Document pdf, List<String> lines) {
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph("Sincerely,", BODY));
        pdf.add(new Paragraph(" ", BODY));
        for (String line : lines) {
            pdf.add(new Paragraph(line, BODY));
        }
    }

    /** A logo the PDF library cannot read leaves the letterhead without it rather than the letter unsent. */
    @Nullable
    private static Image logo(ClinicProfile clinic) {
        if (clinic.logo() == null) {
            return null;
        }
        try {
            return Image.getInstance(clinic.logo());
        } catch (IOException | RuntimeException e) {
            LOG.warn("The logo of clinic {} cannot be drawn ({}); letters go out without it", clinic.clinicId(),
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
