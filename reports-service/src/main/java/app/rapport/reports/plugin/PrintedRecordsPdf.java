package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicCalendar;
import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.ClinicProfiles;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.PostalAddress;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.PrintJob;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfCopy;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the print queue prints: an envelope page first (the clinic's return address, the partner's
 * name and address, "Patient Records: Confidential"), then, for a fax staff send by hand, a fax
 * cover sheet, then the document itself.
 */
@Singleton
public class PrintedRecordsPdf {

    public static final String FAX_COVER_TITLE = "FAX";
    public static final String NO_FAX_NUMBER = "no fax number on file: look it up before sending";
    static final String FAX_NOTICE = "This fax contains confidential patient records. If you received it in error, "
            + "please tell the sender at once and destroy it.";

    private static final Font STAMP = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16);
    private static final Font TITLE = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 22);
    private static final Font LABEL = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);
    private static final Font BODY = FontFactory.getFont(FontFactory.HELVETICA, 11);
    private static final Font SMALL = FontFactory.getFont(FontFactory.HELVETICA, 9);

    private final ClinicProfiles profiles;
    private final ClinicCalendar calendar;

    public PrintedRecordsPdf(ClinicProfiles profiles, ClinicCalendar calendar) {
        this.profiles = profiles;
        this.calendar = calendar;
    }

    /** The envelope page, the fax cover sheet when the job is a fax by hand, then {@code document}'s pages. */
    public byte[] compose(PrintJob job, @Nullable Practitioner recipient, String recipientName, byte[] document) {
        try {
            PdfReader content = new PdfReader(document);
            int pages = content.getNumberOfPages();
            ClinicProfile clinic = profiles.find(job.clinicId()).orElse(null);
            PdfReader front = new PdfReader(front(job, clinic, recipient, recipientName, pages));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Document pdf = new Document();
            PdfCopy copy = new PdfCopy(pdf, out);
            pdf.open();
            for (PdfReader reader : List.of(front, content)) {
                for (int i = 1; i <= reader.getNumberOfPages(); i++) {
                    copy.addPage(copy.getImportedPage(reader, i));
                }
            }
            pdf.close();
            return out.toByteArray();
        } catch (IOException | DocumentException e) {
            throw new IllegalStateException("Cannot compose print job " + job.id(), e);
        }
    }

    private byte[] front(PrintJob job, @Nullable ClinicProfile clinic, @Nullable Practitioner recipient,
                         String recipientName, int documentPages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document pdf = new Document(PageSize.LETTER, 54, 54, 72, 72);
        PdfWriter.getInstance(pdf, out);
        pdf.open();
        envelope(pdf, clinic, recipient, recipientName);
        if (job.faxByHand()) {
            pdf.newPage();
            faxCover(pdf, job, clinic, recipientName, documentPages);
        }
        pdf.close();
        return out.toByteArray();
    }

    private static void envelope(Document pdf, @Nullable ClinicProfile clinic, @Nullable Practitioner recipient,
                                 String recipientName) {
        for (String line : returnAddress(clinic)) {
            pdf.add(new Paragraph(line, SMALL));
        }
        Paragraph gap = new Paragraph(" ", BODY);
        gap.setSpacingAfter(120);
        pdf.add(gap);
        List<String> to = new ArrayList<>();
        to.add(recipientName);
        if (recipient != null && recipient.organization() != null) {
            to.add(recipient.organization());
        }
        if (recipient != null && recipient.address() != null) {
            to.addAll(recipient.address().lines());
        }
        for (String line : to) {
            Paragraph p = new Paragraph(line, BODY);
            p.setIndentationLeft(220);
            pdf.add(p);
        }
        Paragraph stamp = new Paragraph(PdfReportRenderer.CONFIDENTIAL, STAMP);
        stamp.setAlignment(Element.ALIGN_CENTER);
        stamp.setSpacingBefore(90);
        pdf.add(stamp);
    }

    private void faxCover(Document pdf, PrintJob job, @Nullable ClinicProfile clinic, String recipientName,
                          int documentPages) {
        LetterheadPdf.letterhead(pdf, clinic);
        pdf.add(new Paragraph(FAX_COVER_TITLE, TITLE));
        pdf.add(new Paragraph(" ", BODY));
        field(pdf, "Date", calendar.dayOf(job.clinicId(), job.queuedAt()).format(Letterheads.DAY));
        field(pdf, "To", recipientName);
        field(pdf, "Fax number", job.faxNumber() == null || job.faxNumber().isBlank() ? NO_FAX_NUMBER : job.faxNumber());
        field(pdf, "From", clinic == null ? job.clinicId() : clinic.clinicName()
                + (clinic.fax() == null ? "" : ", fax " + clinic.fax())
                + (clinic.phone() == null ? "" : ", phone " + clinic.phone()));
        field(pdf, "Pages", (documentPages + 1) + " including this cover sheet");
        Paragraph stamp = new Paragraph(PdfReportRenderer.CONFIDENTIAL, STAMP);
        stamp.setSpacingBefore(30);
        pdf.add(stamp);
        pdf.add(new Paragraph(FAX_NOTICE, SMALL));
    }

    private static void field(Document pdf, String label, String value) {
        Paragraph p = new Paragraph();
        p.add(new com.lowagie.text.Chunk(label + ": ", LABEL));
        p.add(new com.lowagie.text.Chunk(value, BODY));
        p.setSpacingAfter(4);
        pdf.add(p);
    }

    /** The clinic's name and postal address from its profile; before the profile arrives, none. */
    private static List<String> returnAddress(@Nullable ClinicProfile clinic) {
        if (clinic == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(clinic.clinicName());
        lines.addAll(new PostalAddress(clinic.addressLine1(), clinic.addressLine2(), clinic.city(), clinic.region(),
                clinic.postalCode(), clinic.country()).lines());
        return lines;
    }
}
