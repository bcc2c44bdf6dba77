package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReferralRecord;
import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.Paragraph;
import jakarta.inject.Singleton;


/**
 * A letter as PDF on the clinic's letterhead: date, recipient, the patient it concerns, the
 * letter's wording around what the clinician wrote, and the clinician's signature. Every page
 * says "Patient Records: Confidential", as a report's does.
 */
@Singleton
public class LetterPdfRenderer {

    private static final Font TITLE = LetterheadPdf.TITLE;
    private static final Font HEADING = LetterheadPdf.HEADING;
    private static final Font BODY = LetterheadPdf.BODY;

    private final Letterheads letterheads;

    public LetterPdfRenderer(Letterheads letterheads) {
        this.letterheads = letterheads;
    }

    public byte[] render(LetterDocument doc) {
        return LetterheadPdf.confidential(LetterWording.title(doc.letter().kind()), "letter " + doc.letter().id(),
                pdf -> letter(pdf, doc));
    }

    private void letter(Document pdf, LetterDocument doc) {
        ClinicProfile clinic = letterheads.of(doc.clinicId()).orElse(null);
        ReferralRecord referral = doc.referral();
        Practitioner to = doc.recipient();
        LetterheadPdf.letterhead(pdf, clinic);
        pdf.add(new Paragraph(letterheads.datedOn(doc.clinicId(), doc.letter().sentAt()).format(Letterheads.DAY), BODY));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph(to.displayName(), BODY));
        if (to.organization() != null) {
            pdf.add(new Paragraph(to.organization(), BODY));
        }
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph(LetterWording.title(doc.letter().kind()), TITLE));
        pdf.add(new Paragraph("Re: " + referral.patientFirstName() + " " + referral.patientLastName() + ", born "
                + referral.patientBirthDate().format(Letterheads.DAY), HEADING));
        pdf.add(new Paragraph(" ", BODY));
        pdf.add(new Paragraph("Dear " + to.firstName() + " " + to.lastName() + ",", BODY));
        for (String paragraph : LetterWording.body(doc.letter())) {
            Paragraph p = new Paragraph(paragraph, BODY);
            p.setSpacingBefore(6);
            pdf.add(p);
        }
        LetterheadPdf.signature(pdf, Letterheads.signature(referral, clinic));
    }
}
