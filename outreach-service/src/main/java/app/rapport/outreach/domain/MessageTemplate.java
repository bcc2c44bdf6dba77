package app.rapport.outreach.domain;

import java.util.Map;

/**
 * A clinic's wording of an e-mail or card. Placeholders: {@code {{partnerName}}} (how the partner
 * is addressed, e.g. "Dr. Okafor"), {@code {{partnerFullName}}}, {@code {{offer}}} (invitations).
 * A thank-you (and a gesture) reads THANK_YOU, a check-in with a quiet partner CHECK_IN, every
 * other approach (first contact, meeting, invitation) INVITATION.
 *
 * @param custom false when it is the built-in default (the clinic has not written its own)
 */
public record MessageTemplate(Kind kind, String subject, String body, boolean custom) {

    public enum Kind {
        THANK_YOU, INVITATION, CHECK_IN;

        /** The wording a task of {@code type} is carried out with. */
        public static Kind of(TaskType type) {
            return switch (type) {
                case THANK_YOU, GESTURE -> THANK_YOU;
                case CHECK_IN -> CHECK_IN;
                case NEW_CONTACT, INTRO_MEETING, INVITATION -> INVITATION;
            };
        }
    }

    public static MessageTemplate defaultFor(Kind kind) {
        return switch (kind) {
            case THANK_YOU -> new MessageTemplate(kind, "Thank you for your referral",
                    "Dear {{partnerName}},\n\nThank you for trusting us with the care of your patient. We will keep you "
                            + "informed of their progress.\n\nWith gratitude,\nYour colleagues at the clinic", false);
            case INVITATION -> new MessageTemplate(kind, "An invitation to see our work",
                    "Dear {{partnerName}},\n\nWe would be glad to show you how we work with patients like yours, and we "
                            + "would like to offer you {{offer}}.\n\nReply to this message and we will find a time "
                            + "that suits you.\n\nWarm regards,\nYour colleagues at the clinic", false);
            case CHECK_IN -> new MessageTemplate(kind, "Checking in from the clinic",
                    "Dear {{partnerName}},\n\nIt has been a while since we last worked together, and we wanted to "
                            + "check in. Is there anything we could do better for the patients you send us?\n\n"
                            + "Warm regards,\nYour colleagues at the clinic", false);
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
