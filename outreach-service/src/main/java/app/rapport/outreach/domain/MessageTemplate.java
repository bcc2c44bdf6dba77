package app.rapport.outreach.domain;

import java.util.Map;

/**
 * A clinic's wording of an e-mail or card. Placeholders: {@code {{partnerName}}} (how the partner
 * is addressed, e.g. "Dr. Okafor"), {@code {{partnerFullName}}}, {@code {{offer}}} (invitations),
 * {@code {{clinicName}}} (from the clinic profile; "the clinic" until it arrives) and
 * {@code {{signature}}} (the treating clinician's name and credentials, or the clinic; added
 * after the body when the wording leaves it out). Every task type has its own wording
 * ({@link Kind#of}); a gesture is carried out with the thank-you wording.
 *
 * @param custom false when it is the built-in default (the clinic has not written its own)
 */
public record MessageTemplate(Kind kind, String subject, String body, boolean custom) {

    public static final String SIGNATURE = "{{signature}}";

    public enum Kind {
        THANK_YOU, PERSONAL_THANKS, CHECK_IN, NEW_CONTACT, INTRO_MEETING, INVITATION;

        /** The wording a task of {@code type} is carried out with. */
        public static Kind of(TaskType type) {
            return switch (type) {
                case THANK_YOU, GESTURE -> THANK_YOU;
                case PERSONAL_THANKS -> PERSONAL_THANKS;
                case CHECK_IN -> CHECK_IN;
                case NEW_CONTACT -> NEW_CONTACT;
                case INTRO_MEETING -> INTRO_MEETING;
                case INVITATION -> INVITATION;
            };
        }
    }

    public static MessageTemplate defaultFor(Kind kind) {
        return switch (kind) {
            case THANK_YOU -> new MessageTemplate(kind, "Thank you for your referral to {{clinicName}}",
                    "Dear {{partnerName}},\n\nThank you for trusting us with the care of your patient at {{clinicName}}. "
                            + "We will keep you informed of their progress.\n\nWith gratitude,\n" + SIGNATURE, false);
            // A physician who refers again and again is thanked in person, never with a gift (42 CFR 411.357(k)).
            case PERSONAL_THANKS -> new MessageTemplate(kind, "A personal thank-you from {{clinicName}}",
                    "Dear {{partnerName}},\n\nI wanted to thank you personally for the trust you place in us at "
                            + "{{clinicName}}. Working alongside you makes a real difference to the patients we share, "
                            + "and I value our collaboration.\n\nIf there is anything we could do better for your "
                            + "patients, I would be glad to hear it.\n\nWith my sincere thanks,\n" + SIGNATURE, false);
            case CHECK_IN -> new MessageTemplate(kind, "Checking in from {{clinicName}}",
                    "Dear {{partnerName}},\n\nIt has been a while since we last worked together, and we at "
                            + "{{clinicName}} wanted to check in. Is there anything we could do better for the patients "
                            + "you send us?\n\nWarm regards,\n" + SIGNATURE, false);
            case NEW_CONTACT -> new MessageTemplate(kind, "An introduction from {{clinicName}}",
                    "Dear {{partnerName}},\n\nWe are {{clinicName}}, and many of the patients in our community are "
                            + "cared for by practitioners like you. We would like to introduce ourselves and learn about "
                            + "your practice: may we send you our referral information, or meet for a few minutes at a "
                            + "time that suits you?\n\nWarm regards,\n" + SIGNATURE, false);
            case INTRO_MEETING -> new MessageTemplate(kind, "Could we meet? {{clinicName}}",
                    "Dear {{partnerName}},\n\nWe have been glad to refer patients to you and grateful for the care "
                            + "you give them. We would like to meet briefly, introduce {{clinicName}} and hear how we "
                            + "can best work together.\n\nWarm regards,\n" + SIGNATURE, false);
            case INVITATION -> new MessageTemplate(kind, "An invitation to see our work at {{clinicName}}",
                    "Dear {{partnerName}},\n\nWe would be glad to show you how we work with patients like yours at "
                            + "{{clinicName}}, and we would like to offer you {{offer}}.\n\nReply to this message and we "
                            + "will find a time that suits you.\n\nWarm regards,\n" + SIGNATURE, false);
        };
    }

    /** Subject and body with the placeholders filled, as the partner reads them. */
    public MessageTemplate filled(Map<String, String> values) {
        return new MessageTemplate(kind, fill(subject, values), fill(body, values), custom);
    }

    /** The text with its placeholders filled; unknown placeholders stay as they are. */
    public static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        }
        return out;
    }
}
