package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.domain.InvitationOffer;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.plugin.DeliveryRequest;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * The values a message template's placeholders are filled with: for a real delivery, and for the
 * preview staff see while writing their wording, so the preview reads as the sent message will.
 */
public final class Templates {

    /** Whom a preview is addressed to: a physician, so the salutation shows as "Dr. …". */
    static final Partner SAMPLE_PARTNER = new Partner("sample", "sample", "Maya", "Okafor", "MD, FACOG", "OB_GYN",
            "Lakeview Women's Health", "m.okafor@lakeview.example.com", null, null, "EMAIL", "REFERRING", true,
            false, 0, Instant.EPOCH);

    private Templates() {
    }

    static Map<String, String> values(DeliveryRequest r) {
        return values(r.partner(), r.task().offer());
    }

    static Map<String, String> values(Partner partner, @Nullable InvitationOffer offer) {
        return Map.of(
                "partnerName", partner.salutationName(),
                "partnerFullName", partner.displayName(),
                "offer", offer == null ? "a visit to our clinic" : offer.wording());
    }

    /** The wording as {@link #SAMPLE_PARTNER} would read it; an invitation offers a free evaluation. */
    public static MessageTemplate preview(MessageTemplate template) {
        InvitationOffer offer = template.kind() == MessageTemplate.Kind.INVITATION ? InvitationOffer.FREE_EVALUATION : null;
        return template.filled(values(SAMPLE_PARTNER, offer));
    }

    /** How the preview's sample partner is named, for the page that shows it. */
    public static String sampleRecipient() {
        return SAMPLE_PARTNER.displayName();
    }
}
