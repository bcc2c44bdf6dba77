package app.rapport.reports.domain;

import app.rapport.platform.web.ProblemException;
import app.rapport.reports.plugin.StatusUpdatePdf;
import jakarta.inject.Singleton;

/**
 * Sends pending status updates on the referrer's preferred channel. Delivery runs outside any
 * transaction (an SMTP server may take seconds): claim in one, deliver, then SENT in another. A
 * crash between delivery and SENT sends it again after the claim goes stale; the e-mail's stable
 * Message-ID lets the recipient's mail system see it is the same message.
 */
@Singleton
public class StatusUpdateSender {

    private final StatusUpdates updates;
    private final DeliveryChoice delivery;
    private final StatusUpdatePdf pdf;

    public StatusUpdateSender(StatusUpdates updates, DeliveryChoice delivery, StatusUpdatePdf pdf) {
        this.updates = updates;
        this.delivery = delivery;
        this.pdf = pdf;
    }

    /** @return how many were sent */
    public int sendPending() {
        int sent = 0;
        for (StatusUpdate update : updates.due()) {
            if (!updates.claim(update)) {
                continue;
            }
            try {
                StatusUpdateDocument doc = updates.assemble(update);
                DeliveryChoice.Route route = delivery.forStatusUpdate(doc.recipient());
                route.delivery().deliver(doc, pdf.render(doc), route.destination());
                updates.sent(doc, route);
                sent++;
            } catch (ProblemException e) {
                updates.attemptFailed(update, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            } catch (RuntimeException e) {
                updates.attemptFailed(update, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        return sent;
    }
}
