package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.StatusUpdateDocument;
import app.rapport.reports.domain.StatusUpdateWording;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import jakarta.inject.Singleton;


/**
 * A status update as one page on the clinic's letterhead: whom it is about (name and date of
 * birth, only to identify the patient), the referral's date and its new status. No clinical detail.
 */
@Singleton
public class StatusUpdatePdf {

    private static final Font TITLE = LetterheadPdf.TITLE;
    private static final Font HEADING = LetterheadPdf.HEADING;
    private static final Font BODY = LetterheadPdf.BODY;

    private final Letterheads letterheads;

    public StatusUpdatePdf(Letterheads letterheads) {
        this.letterheads = letterheads;
    }

    public byte[] render(StatusUpdateDocument doc) {
        return LetterheadPdf.confidential(StatusUpdateWording.TITLE, "status update " + doc.update().id(),
                pdf -> update(pdf, doc));
    }

    private void update(Document pdf, StatusUpdateDocument doc) {
        ClinicProfile clinic = letterheads.of(doc.clinicId()).orElse(null);
        ReferralRecord referral = doc.referral();
        Practitioner to = doc.recipient();
        LetterheadPdf.letterhead(pdf, clinic);
        pdf.add(new Paragraph(letterheads.datedOn(doc.clinicId(), doc.update().sentAt()).format(Letterheads.DAY), BODY));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph(to.displayName(), BODY));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph(StatusUpdateWording.TITLE + ": " + StatusUpdateWording.status(doc.update().kind()), TITLE));
        pdf.add(new Paragraph("Re: " + referral.patientFirstName() + " " + referral.patientLastName() + ", born "
                + referral.patientBirthDate().format(Letterheads.DAY), HEADING));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph("Dear " + to.firstName() + " " + to.lastName() + ",", BODY));
        for (String line : StatusUpdateWording.body(doc.update(), referral)) {
            Paragraph p = new Paragraph(line, BODY);
            p.setSpacingBefore(6);
            pdf.add(p);
        }
        LetterheadPdf.signature(pdf, Letterheads.signature(referral, clinic));
    }
}
