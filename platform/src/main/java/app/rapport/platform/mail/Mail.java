package app.rapport.platform.mail;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One e-mail: a plain-text body and any attachments.
 *
 * @param messageKey when given, the Message-ID is {@code <messageKey@sender's domain>}: the same
 *                   message sent again (after a crash, or by staff deliberately) is recognisably one
 *                   message to the recipient's mail system
 */
public record Mail(String to, String subject, String body, List<Attachment> attachments, @Nullable String messageKey) {

    public record Attachment(String fileName, String mediaType, byte[] content) {
    }

    public static Mail text(String to, String subject, String body) {
        return new Mail(to, subject, body, List.of(), null);
    }

    public Mail attach(String fileName, String mediaType, byte[] content) {
        List<Attachment> all = new java.util.ArrayList<>(attachments);
        all.add(new Attachment(fileName, mediaType, content));
        return new Mail(to, subject, body, List.copyOf(all), messageKey);
    }

    public Mail identifiedBy(String key) {
        return new Mail(to, subject, body, attachments, key);
    }
}
