package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.plugin.Delivery;
import app.rapport.outreach.plugin.DeliveryChannel;
import app.rapport.outreach.plugin.DeliveryRequest;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfWriter;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;

/**
 * A printable card (5 × 7 in) for a handwritten note, or a letter-size letter: the clinic's
 * letterhead, its wording signed by the treating clinician (or the clinic), and the envelope
 * address. Someone signs and mails it, then completes the task. No patient is named: the partner
 * knows whom they referred.
 */
@Singleton
public class CardDelivery implements DeliveryChannel {

    private static final Rectangle CARD = new Rectangle(504, 360); // 7 × 5 in, landscape
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);

    @Override
    public String name() {
        return "printed-card";
    }

    @Override
    public String description() {
        return "Render a printable card (handwritten notes) or letter as PDF to sign and mail";
    }

    @Override
    public Set<OutreachChannel> channels() {
        return Set.of(OutreachChannel.HANDWRITTEN_NOTE, OutreachChannel.LETTER);
    }

    @Override
    public Delivery deliver(DeliveryRequest request) {
        byte[] pdf = render(request);
        return new Delivery(false, "Card ready to print, sign and mail: /api/v1/tasks/" + request.task().id()
                + "/card.pdf", pdf, "application/pdf", null);
    }

    private byte[] render(DeliveryRequest r) {
        boolean letter = r.task().channel() == OutreachChannel.LETTER;
        MessageTemplate message = Templates.message(r);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document doc = new Document(letter ? PageSize.LETTER : CARD, 36, 36, 36, 36);
        try {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(message.subject());
            doc.addCreator("Rapport outreach-service");
            doc.open();
            String letterhead = r.clinic().letterhead();
            if (!letterhead.isEmpty()) {
                String[] lines = letterhead.split("\n", 2);
                Paragraph head = new Paragraph(lines[0], FontFactory.getFont(FontFactory.HELVETICA_BOLD, letter ? 12 : 10));
                head.setAlignment(Element.ALIGN_CENTER);
                doc.add(head);
                if (lines.length > 1) {
                    Paragraph address = new Paragraph(lines[1], FontFactory.getFont(FontFactory.HELVETICA, letter ? 9 : 8));
                    address.setAlignment(Element.ALIGN_CENTER);
                    address.setSpacingAfter(letter ? 24 : 10);
                    doc.add(address);
                }
            }
            if (letter) {
                // Dated the day it is printed to be sent, in the clinic's time zone.
                Paragraph dated = new Paragraph(r.today().format(DATE), FontFactory.getFont(FontFactory.TIMES_ROMAN, 12));
                dated.setAlignment(Element.ALIGN_RIGHT);
                dated.setSpacingAfter(14);
                doc.add(dated);
            }
            Font body = FontFactory.getFont(FontFactory.TIMES_ROMAN, letter ? 12 : 13);
            for (String paragraph : message.body().split("\n\n")) {
                Paragraph p = new Paragraph(paragraph, body);
                p.setSpacingAfter(10);
                doc.add(p);
            }
            Font small = FontFactory.getFont(FontFactory.HELVETICA, 8);
            doc.newPage();
            Paragraph to = new Paragraph(envelope(r), FontFactory.getFont(FontFactory.HELVETICA, 12));
            to.setAlignment(Element.ALIGN_CENTER);
            to.setSpacingBefore(letter ? 200 : 110);
            doc.add(to);
            Paragraph ref = new Paragraph("Task " + r.task().id(), small);
            ref.setAlignment(Element.ALIGN_RIGHT);
            ref.setSpacingBefore(40);
            doc.add(ref);
            doc.close();
        } catch (DocumentException e) {
            throw new IllegalStateException("Cannot render the card", e);
        }
        return out.toByteArray();
    }

    private static String envelope(DeliveryRequest r) {
        StringBuilder b = new StringBuilder(r.partner().displayName());
        if (r.partner().organization() != null) {
            b.append('\n').append(r.partner().organization());
        }
        if (r.partner().postalAddress() != null) {
            b.append('\n').append(r.partner().postalAddress());
        }
        return b.toString();
    }
}
