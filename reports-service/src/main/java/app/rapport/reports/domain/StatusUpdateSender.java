package app.rapport.reports.domain;

import app.rapport.reports.plugin.StatusUpdatePdf;
import jakarta.inject.Singleton;

/**
 * Sends pending status updates on the referrer's preferred channel through {@link Sending}, as
 * reports and letters go: SENDING and the disclosure row in one transaction, the delivery outside
 * any (an SMTP server may take seconds), then SENT and StatusUpdateSent. A sender that stops
 * between delivery and SENT leaves the update to the recovery step, which flags it DELIVERY_UNCONFIRMED
 * for staff instead of sending it again unseen; a deliberate resend carries the same Message-ID.
 */
@Singleton
public class StatusUpdateSender {

    private final StatusUpdates updates;
    private final StatusUpdatePdf pdf;
    private final Sending sending;

    public StatusUpdateSender(StatusUpdates updates, StatusUpdatePdf pdf, Sending sending) {
        this.updates = updates;
        this.pdf = pdf;
        this.sending = sending;
    }

    /** @return how many were sent */
    public int sendPending() {
        int sent = 0;
        for (StatusUpdate update : updates.due()) {
            try {
                sending.send("status update", steps(update));
                sent++;
            } catch (StatusUpdates.TakenElsewhere e) {
                // Another replica's sender has it.
            } catch (StatusUpdates.NotSendable e) {
                updates.attemptFailed(update, e.getMessage());
            } catch (RuntimeException e) {
                // Counted by the refused or unconfirmed step, in the transaction that said so.
            }
        }
        return sent;
    }

    private Sending.Steps<StatusUpdates.Claimed> steps(StatusUpdate update) {
        return new Sending.Steps<>() {
            @Override
            public StatusUpdates.Claimed claim() {
                return updates.claim(update);
            }

            @Override
            public void deliver(StatusUpdates.Claimed c) {
                c.route().delivery().deliver(c.doc(), pdf.render(c.doc()), c.route().destination());
            }

            @Override
            public void sent(StatusUpdates.Claimed c) {
                updates.sent(c);
            }

            @Override
            public void refused(StatusUpdates.Claimed c, String why) {
                updates.refused(c, why);
            }

            @Override
            public void unconfirmed(StatusUpdates.Claimed c, String why) {
                updates.unconfirmed(c, why);
            }
        };
    }
}
