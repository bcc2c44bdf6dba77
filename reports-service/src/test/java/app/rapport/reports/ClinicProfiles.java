package app.rapport.reports;

import app.rapport.platform.events.EventEnvelope;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** ClinicProfileUpdated from its golden sample: a clinic's letterhead, logo and time zone. */
final class ClinicProfiles {

    static final String SAMPLE_PROFILE = "9b7e4c2a-51d3-3f08-a6e4-2c8d0b1f7e39";

    private ClinicProfiles() {
    }

    /**
     * The sample (Harbor Integrative Health, Seattle) for {@code clinic} at {@code version}, in
     * {@code zone}. One profile id per clinic, as contacts-service keeps it, so its versions share a partition.
     */
    static EventEnvelope updated(String clinic, int version, String zone, Map<String, String> textReplacements) {
        Map<String, String> replacements = new java.util.HashMap<>(textReplacements);
        replacements.put("\"version\":3", "\"version\":" + version);
        replacements.put("\"America/Los_Angeles\"", "\"" + zone + "\"");
        return Partners.event("ClinicProfileUpdated.v1", clinic, Map.of(SAMPLE_PROFILE,
                UUID.nameUUIDFromBytes(clinic.getBytes(StandardCharsets.UTF_8)).toString()), replacements);
    }

    /** The same profile with a PNG logo, as contacts-service sends one. */
    static EventEnvelope withLogo(EventEnvelope e) {
        String logo = "\"logo\":{\"mediaType\":\"image/png\",\"base64\":\"" + Base64.getEncoder().encodeToString(png()) + "\"},";
        if (!e.payload().contains("\"focusNiches\"")) {
            throw new IllegalStateException("The sample no longer holds focusNiches");
        }
        return new EventEnvelope(e.id(), e.type(), e.source(), e.time(), e.subject(), e.clinicId(),
                e.payload().replace("\"focusNiches\"", logo + "\"focusNiches\""));
    }

    /** A small two-colour PNG. */
    static byte[] png() {
        BufferedImage image = new BufferedImage(80, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(20, 90, 140));
        g.fillRect(0, 0, 80, 40);
        g.setColor(Color.WHITE);
        g.fillOval(25, 5, 30, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
