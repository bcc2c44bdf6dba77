package app.rapport.reports.plugin;

import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.StatusUpdateDocument;
import app.rapport.reports.domain.StatusUpdateWording;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * The plain-text e-mail of a report or letter: the clinic's letterhead block, the date, the
 * message and the clinician's signature. It names no patient (the attached PDF does), so a
 * mis-addressed mail or a mail log discloses nobody's identity.
 */
@Singleton
public class MailText {

    static final String CONFIDENTIAL_NOTE = "This message contains confidential patient records.";

    private final Letterheads letterheads;

    public MailText(Letterheads letterheads) {
        this.letterheads = letterheads;
    }

    public String report(ReportDocument doc) {
        return text(doc.clinicId(), doc.report().sentAt(), doc.recipient(), doc.referral(), List.of(
                "Please find attached our report on the patient you referred to us."), "report");
    }

    public String letter(LetterDocument doc) {
        return text(doc.clinicId(), doc.letter().sentAt(), doc.recipient(), doc.referral(),
                LetterWording.body(doc.letter()), "letter");
    }

    /** A status update: the referral's date, its new status, a decline's reason; no clinical detail. */
    public String statusUpdate(StatusUpdateDocument doc) {
        return text(doc.clinicId(), doc.update().sentAt(), doc.recipient(), doc.referral(),
                StatusUpdateWording.body(doc.update(), doc.referral()), "update");
    }

    private String text(String clinicId, Instant sentAt, Practitioner to, ReferralRecord referral, List<String> body,
                        String attached) {
        ClinicProfile clinic = letterheads.of(clinicId).orElse(null);
        StringBuilder t = new StringBuilder();
        String head = Letterheads.textBlock(clinic);
        if (!head.isEmpty()) {
            t.append(head).append("\n");
        }
        t.append(letterheads.datedOn(clinicId, sentAt).format(Letterheads.DAY)).append("\n\n");
        t.append("Dear ").append(to.firstName()).append(" ").append(to.lastName()).append(",\n\n");
        for (String paragraph : body) {
            t.append(paragraph).append("\n\n");
        }
        t.append("The patient's name and date of birth are in the attached ").append(attached).append(". ")
                .append(CONFIDENTIAL_NOTE)
                .append("\n\nSincerely,\n\n");
        for (String line : Letterheads.signature(referral, clinic)) {
            t.append(line).append("\n");
        }
        return t.toString();
    }
}
