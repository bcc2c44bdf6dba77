package app.rapport.outreach.plugin.channels;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.InvitationOffer;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.Signature;
import app.rapport.outreach.plugin.DeliveryRequest;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Map;

/**
 * The message a partner reads, for a real delivery and for the preview staff see while writing
 * their wording, so the preview reads as the sent message will: placeholders filled, signed.
 */
public final class Templates {

    /** Whom a preview is addressed to: a physician, so the salutation shows as "Dr. …". */
    static final Partner SAMPLE_PARTNER = new Partner(new Partner.Key("sample", "sample"), "Maya", "Okafor",
            "MD, FACOG", null, "OB_GYN", "Lakeview Women's Health", "m.okafor@lakeview.example.com", null, null, "EMAIL",
            "REFERRING", true, false, 0, Instant.EPOCH, Instant.EPOCH);

    private Templates() {
    }

    /** The request's wording filled in for its partner, clinic and signer. */
    public static MessageTemplate message(DeliveryRequest r) {
        return message(r.template(), r.partner(), r.task().offer(), r.clinic(), r.signature());
    }

    static MessageTemplate message(MessageTemplate template, Partner partner, @Nullable InvitationOffer offer,
                                   ClinicProfile clinic, Signature signature) {
        // A clinic's own wording may leave the signature out; the letter is still signed.
        MessageTemplate signed = template.body().contains(MessageTemplate.SIGNATURE) ? template
                : new MessageTemplate(template.kind(), template.subject(),
                template.body().stripTrailing() + "\n\n" + MessageTemplate.SIGNATURE, template.custom());
        return signed.filled(Map.of(
                "partnerName", partner.salutationName(),
                "partnerFullName", partner.displayName(),
                "offer", offer == null ? "a visit to our clinic" : offer.wording(),
                "clinicName", clinic.clinicName(),
                "signature", signature.block()));
    }

    /**
     * The wording as {@link #SAMPLE_PARTNER} would read it from this clinic, signed by the clinic
     * (a delivery for a referral is signed by its treating clinician); an invitation offers a free evaluation.
     */
    public static MessageTemplate preview(MessageTemplate template, ClinicProfile clinic) {
        InvitationOffer offer = template.kind() == MessageTemplate.Kind.INVITATION ? InvitationOffer.FREE_EVALUATION : null;
        return message(template, SAMPLE_PARTNER, offer, clinic, Signature.ofClinic(clinic.clinicName()));
    }

    /** How the preview's sample partner is named, for the page that shows it. */
    public static String sampleRecipient() {
        return SAMPLE_PARTNER.displayName();
    }
}
