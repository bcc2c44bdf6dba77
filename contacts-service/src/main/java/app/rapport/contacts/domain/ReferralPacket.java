package app.rapport.contacts.domain;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.List;
import com.lowagie.text.ListItem;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.time.DayOfWeek;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The referral information packet: one document a partner's office keeps at hand, with everything
 * needed to send a patient — services, focus, how to refer, payment, plans, locations and hours —
 * under the clinic's letterhead.
 */
public final class ReferralPacket {

    private static final Color ACCENT = LetterPdf.ACCENT;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.US);

    private ReferralPacket() {
    }

    public static byte[] render(ClinicProfile profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.LETTER, 54, 54, 54, 54);
        try {
            PdfWriter.getInstance(document, out);
            document.addTitle(profile.clinicName() + " - Referral information");
            document.addSubject("Referral information for partner practitioners");
            document.addCreator("Rapport contacts-service");
            document.open();

            Font heading = FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13, ACCENT);
            Font body = FontFactory.getFont(FontFactory.HELVETICA, 10.5f);
            Font small = FontFactory.getFont(FontFactory.HELVETICA_OBLIQUE, 9, Color.DARK_GRAY);

            LetterPdf.letterhead(document, profile);
            Paragraph title = new Paragraph("Referral information for our partners",
                    FontFactory.getFont(FontFactory.HELVETICA_BOLD, 13, ACCENT));
            title.setSpacingBefore(10);
            document.add(title);
            if (profile.introduction() != null) {
                Paragraph intro = new Paragraph(profile.introduction(), body);
                intro.setSpacingBefore(8);
                document.add(intro);
            }

            section(document, "How to refer a patient", heading);
            for (String line : profile.howToRefer().split("\\R")) {
                document.add(new Paragraph(line, body));
            }

            section(document, "Services we offer", heading);
            document.add(bullets(profile.servicesOffered(), body));

            if (profile.focusNiches() != null && !profile.focusNiches().isEmpty()) {
                section(document, "Our focus", heading);
                document.add(bullets(profile.focusNiches(), body));
            }
            if (profile.paymentPolicies() != null && !profile.paymentPolicies().isEmpty()) {
                section(document, "Payment policies", heading);
                document.add(bullets(profile.paymentPolicies(), body));
            }
            if (profile.insurancePlansAccepted() != null && !profile.insurancePlansAccepted().isEmpty()) {
                section(document, "Insurance plans accepted", heading);
                document.add(bullets(profile.insurancePlansAccepted(), body));
            }

            section(document, profile.locations().size() == 1 ? "Location and hours" : "Locations and hours", heading);
            for (ClinicProfile.Location location : profile.locations()) {
                Paragraph name = new Paragraph(location.name(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 10.5f));
                name.setSpacingBefore(4);
                document.add(name);
                PostalAddress a = location.address();
                document.add(new Paragraph(a.line1() + (a.line2() == null ? "" : ", " + a.line2()), body));
                document.add(new Paragraph(a.city() + (a.region() == null ? "" : ", " + a.region())
                        + (a.postalCode() == null ? "" : " " + a.postalCode()), body));
                if (location.phone() != null) {
                    document.add(new Paragraph("Phone: " + location.phone(), body));
                }
                if (location.fax() != null) {
                    document.add(new Paragraph("Fax: " + location.fax(), body));
                }
                if (location.email() != null) {
                    document.add(new Paragraph("E-mail: " + location.email(), body));
                }
                if (location.hours() != null) {
                    location.hours().stream()
                            .sorted(java.util.Comparator.comparing(ClinicProfile.OpeningHours::day)
                                    .thenComparing(ClinicProfile.OpeningHours::opens))
                            .collect(Collectors.groupingBy(ClinicProfile.OpeningHours::day, java.util.TreeMap::new,
                                    Collectors.mapping(h -> TIME.format(h.opens()) + " - " + TIME.format(h.closes()),
                                            Collectors.joining(", "))))
                            .forEach((DayOfWeek day, String spans) -> add(document,
                                    new Paragraph(day.getDisplayName(TextStyle.FULL, Locale.US) + ": " + spans, body)));
                }
            }

            Paragraph footer = new Paragraph("Thank you for trusting us with your patients. We send you a plan of care "
                    + "and progress reports for every patient you refer, with the patient's consent.", small);
            footer.setSpacingBefore(16);
            footer.setAlignment(Element.ALIGN_LEFT);
            document.add(footer);
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render the referral packet", e);
        } finally {
            if (document.isOpen()) {
                document.close();
            }
        }
        return out.toByteArray();
    }

    private static void section(Document document, String text, Font heading) {
        Paragraph p = new Paragraph(text, heading);
        p.setSpacingBefore(12);
        p.setSpacingAfter(3);
        document.add(p);
    }

    private static List bullets(java.util.List<String> items, Font font) {
        List list = new List(List.UNORDERED, 12);
        list.setListSymbol(new Chunk("\u2022", font));
        items.forEach(item -> list.add(new ListItem(item, font)));
        return list;
    }

    private static void add(Document document, Paragraph p) {
        document.add(p);
    }
}
