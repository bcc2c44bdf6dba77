package app.rapport.contacts.domain;

import com.lowagie.text.Document;
import com.lowagie.text.Font;
import com.lowagie.text.FontFactory;
import com.lowagie.text.Image;
import com.lowagie.text.Paragraph;

import java.awt.Color;
import java.io.IOException;
import java.util.Base64;

/** The top of every PDF the clinic sends: its logo, its name and its main location's address and numbers. */
final class LetterPdf {

    static final Color ACCENT = new Color(0x1F, 0x4E, 0x79);
    private static final float LOGO_MAX_WIDTH = 180;
    private static final float LOGO_MAX_HEIGHT = 60;

    private LetterPdf() {
    }

    static void letterhead(Document document, ClinicProfile profile) {
        if (profile.logo() != null) {
            try {
                // Checked when the profile was saved (ClinicProfiles.checkedLogo), so it renders.
                Image logo = Image.getInstance(Base64.getMimeDecoder().decode(profile.logo().base64()));
                logo.scaleToFit(LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT);
                document.add(logo);
            } catch (IOException e) {
                throw new IllegalStateException("The clinic's logo cannot be printed", e);
            }
        }
        document.add(new Paragraph(profile.clinicName(), FontFactory.getFont(FontFactory.HELVETICA_BOLD, 16, ACCENT)));
        Font small = FontFactory.getFont(FontFactory.HELVETICA, 9, Color.DARK_GRAY);
        for (String line : profile.letterhead().lines()) {
            document.add(new Paragraph(line, small));
        }
    }
}
