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
 * {@link #deliver} runs last inside the transaction that marks the report SENT, logs the
 * disclosure and records ReportSent: if it throws, none of that happened.
 */
public interface ReportDelivery extends RapportPlugin {

    String EXTENSION_POINT = "report-delivery";

    ReportChannel channel();

    /**
     * Where the report will go for this recipient (an e-mail address, "print queue").
     *
     * @throws app.rapport.platform.web.ProblemException 422 naming {@code channel} when the recipient cannot be reached this way
     */
    String destination(Practitioner recipient);

    void deliver(ReportDocument document, byte[] pdf, Destination to);

    /**
     * Delivers a letter (second-opinion request, treatment inquiry) the same way, under the same
     * rule: it runs last in the transaction that logs the disclosure. A channel that cannot carry
     * letters refuses, naming {@code channel}, before anything is sent or logged.
     */
    default void deliver(LetterDocument letter, byte[] pdf, Destination to) {
        throw app.rapport.platform.web.ProblemException.invalidField("channel",
                "the " + name() + " plugin cannot deliver letters; choose EMAIL or PRINT");
    }

    /**
     * Delivers a status update (no clinical detail, no consent). It runs outside any transaction,
     * between the claim and SENT; a channel that cannot carry updates refuses, and the sender counts
     * a failed attempt.
     */
    default void deliver(StatusUpdateDocument update, byte[] pdf, Destination to) {
        throw app.rapport.platform.web.ProblemException.invalidField("channel",
                "the " + name() + " plugin cannot deliver status updates");
    }

    @Override
    default String extensionPoint() {
        return EXTENSION_POINT;
    }
}
