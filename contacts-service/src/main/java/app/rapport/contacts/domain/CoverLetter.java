package app.rapport.contacts.domain;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;
import io.micronaut.core.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The short letter that goes with the referral packet: on the clinic's letterhead, dated the day it
 * is written in the clinic's time zone, addressed to the partner, saying what the clinic treats and
 * how to refer, signed by the clinician who sends it. The same words as a PDF and as e-mail text.
 */
public final class CoverLetter {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    private final ClinicProfile profile;
    private final LocalDate date;
    private final List<String> recipient;
    private final String salutation;
    private final List<String> paragraphs;
    private final List<String> howToRefer;
    private final String closing;
    private final String signature;

    private CoverLetter(ClinicProfile profile, LocalDate date, List<String> recipient, String salutation,
                        List<String> paragraphs, List<String> howToRefer, String closing, String signature) {
        this.profile = profile;
        this.date = date;
        this.recipient = recipient;
        this.salutation = salutation;
        this.paragraphs = paragraphs;
        this.howToRefer = howToRefer;
        this.closing = closing;
        this.signature = signature;
    }

    /**
     * @param date             today in the clinic's time zone
     * @param signerCredentials as the signer writes them, e.g. {@code DC, MS}; optional
     */
    public static CoverLetter of(ClinicProfile profile, Practitioner partner, LocalDate date, String signerName,
                                 @Nullable String signerCredentials) {
        List<String> to = new ArrayList<>();
        to.add(partner.getFirstName() + " " + partner.getLastName()
                + (partner.getCredentials() == null ? "" : ", " + partner.getCredentials()));
        if (partner.getOrganization() != null) {
            to.add(partner.getOrganization());
        }
        PostalAddress address = PostalAddress.of(partner);
        if (address != null) {
            to.addAll(Letterhead.address(address));
        }
        String salutation = "Dear " + (partner.physicianByCredentials() ? "Dr. " + partner.getLastName()
                : partner.getFirstName() + " " + partner.getLastName()) + ",";

        List<String> paragraphs = new ArrayList<>();
        paragraphs.add("Thank you for the care you give your patients. We would like to be a resource for them, "
                + "and I have enclosed our referral packet so that everything you need is at hand when one of "
                + "them could use our help.");
        String treats = "At " + profile.clinicName() + " we offer " + naturalList(profile.servicesOffered()) + ".";
        if (profile.focusNiches() != null && !profile.focusNiches().isEmpty()) {
            treats += " We especially welcome patients for " + naturalList(profile.focusNiches()) + ".";
        }
        paragraphs.add(treats);
        List<String> howToRefer = profile.howToRefer().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String phone = profile.letterhead().phone();
        String closing = "With your patient's consent we send you a plan of care and progress reports, so you "
                + "always know how they are doing. I would be glad to talk about any patient, or simply to meet"
                + (phone == null ? "." : "; please call us at " + Letterhead.readable(phone) + ".");
        String signature = signerName.strip() + (signerCredentials == null || signerCredentials.isBlank() ? ""
                : ", " + signerCredentials.strip());
        return new CoverLetter(profile, date, to, salutation, paragraphs, howToRefer, closing, signature);
    }

    /** The letter as the body of an e-mail: the same words, the letterhead as its first lines. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append(profile.clinicName()).append('\n');
        profile.letterhead().lines().forEach(l -> out.append(l).append('\n'));
        out.append('\n').append(DATE.format(date)).append("\n\n");
        recipient.forEach(l -> out.append(l).append('\n'));
        out.append('\n').append(salutation).append("\n\n");
        paragraphs.forEach(p -> out.append(p).append("\n\n"));
        out.append("To refer a patient:\n");
        howToRefer.forEach(l -> out.append("- ").append(l).append('\n'));
        out.append('\n').append(closing).append("\n\n");
        out.append("Warm regards,\n\n").append(signature).append('\n').append(profile.clinicName()).append('\n');
        return out.toString();
    }

    public byte[] pdf() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.LETTER, 64, 64, 54, 54);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(profile.clinicName() + " - Referral packet cover letter");
            document.addCreator("Rapport contacts-service");
            document.open();
            LetterPdf.letterhead(document, profile);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 11);
            Font bold = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 11);

            add(document, new Paragraph(DATE.format(date), body), 24);
            add(document, new Paragraph(recipient.get(0), body), 16);
            recipient.subList(1, recipient.size()).forEach(l -> document.add(new Paragraph(l, body)));
            add(document, new Paragraph(salutation, body), 16);
            paragraphs.forEach(p -> add(document, new Paragraph(p, body), 10));
            add(document, new Paragraph("To refer a patient:", bold), 10);
            howToRefer.forEach(l -> document.add(new Paragraph("\u2022 " + l, body)));
            add(document, new Paragraph(closing, body), 10);
            add(document, new Paragraph("Warm regards,", body), 16);
            add(document, new Paragraph(signature, bold), 28);
            document.add(new Paragraph(profile.clinicName(), body));
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render the cover letter", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private static void add(Document document, Paragraph p, float spacingBefore) {
        p.setSpacingBefore(spacingBefore);
        document.add(p);
    }

    /** ["a", "b", "c"] as "a, b and c". */
    static String naturalList(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
