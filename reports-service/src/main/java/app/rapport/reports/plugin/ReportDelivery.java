package app.rapport.reports.plugin;

import app.rapport.platform.plugin.RapportPlugin;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.domain.StatusUpdateDocument;

/**
 * The report-delivery extension point: one plugin per channel. Built in: {@code email-delivery}
 * (SMTP with the PDF attached), {@code fax-gateway} (e-mail-to-fax) and {@code print-queue}.
 * {@link app.rapport.reports.domain.DeliveryChoice} picks one for reports and letters alike.
 * <p>
 * {@link #deliver} runs outside any transaction, between the claim that logged the disclosure
 * (SENDING) and SENT ({@link app.rapport.reports.domain.Sending}): if it throws, the claim is undone
 * and the disclosure removed; if it throws {@link app.rapport.platform.mail.MailOutcomeUnknown}, the
 * record is DELIVERY_UNCONFIRMED for staff.
 */
public interface ReportDelivery extends RapportPlugin {

    String EXTENSION_POINT = "report-delivery";

    ReportChannel channel();

    /**
     * Where the report will go for this recipient (an e-mail address, "print queue").
     *
     * @throws app.rapport.platform.domain.DomainException INVALID (a 422) naming {@code channel} when the recipient cannot be reached this way
     */
    String destination(Practitioner recipient);

    void deliver(ReportDocument document, byte[] pdf, Destination to);

    /**
     * Delivers a letter (second-opinion request, treatment inquiry) the same way, under the same
     * rule. A channel that cannot carry letters refuses, naming {@code channel}, and nothing stays
     * sent or logged.
     */
    default void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        throw app.rapport.platform.domain.DomainException.invalidField("channel",
                "the " + name() + " plugin cannot deliver letters; choose EMAIL or PRINT");
    }

    /**
     * Delivers a status update (no clinical detail, no consent). It runs outside any transaction,
     * between the claim and SENT; a channel that cannot carry updates refuses, and the sender counts
     * a failed attempt.
     */
    default void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        throw app.rapport.platform.domain.DomainException.invalidField("channel",
                "the " + name() + " plugin cannot deliver status updates");
    }

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }
}
