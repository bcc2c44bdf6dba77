package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.mail.MailOutcomeUnknown;
import app.rapport.platform.mail.MailRefused;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a report, a letter or a status update leaves the clinic (ADR 0407):
 * <ol>
 *   <li>transaction 1 — decide (the consent, under its lock), log the disclosure and claim the
 *       record SENDING, guarded by the status and version read;</li>
 *   <li>deliver, outside any transaction (an SMTP server may take seconds, and its "accepted"
 *       cannot be rolled back), with a Message-ID made from the record's id;</li>
 *   <li>transaction 2 — SENT and the event in the outbox.</li>
 * </ol>
 * A delivery that certainly did not happen (refused, no connection, a channel that cannot carry it)
 * puts the record back as it was and removes the disclosure, in one transaction. One that may have
 * happened (the connection broke mid-way) is DELIVERY_UNCONFIRMED at once; one whose sender stopped
 * between 1 and 3 is flagged so by {@link SendingRecovery}. Staff then confirm it arrived or send
 * it again deliberately: nothing is sent twice blindly, and no disclosure goes unlogged.
 */
@Singleton
public class Sending {

    private static final Logger LOG = LoggerFactory.getLogger(Sending.class);

    /** What differs between reports, letters and status updates; each step runs in the transaction {@link Sending} opens. */
    public interface Steps<C> {
        /** Transaction 1: the disclosure row and SENDING. */
        C claim();

        /** Outside any transaction. */
        void deliver(C claimed);

        /** Transaction 2: SENT and its event. */
        void sent(C claimed);

        /** It certainly did not leave: back to where it was, the disclosure removed. */
        void refused(C claimed, String why);

        /** It may have left: DELIVERY_UNCONFIRMED, the disclosure kept. */
        void unconfirmed(C claimed, String why);
    }

    private final SendingTransaction transaction;
    private final boolean haltAfterDelivery;

    public Sending(SendingTransaction transaction,
                   @Value("${rapport.reports.fault.halt-after-delivery:false}") boolean haltAfterDelivery) {
        this.transaction = transaction;
        this.haltAfterDelivery = haltAfterDelivery;
        if (haltAfterDelivery) {
            LOG.warn("TEST ONLY: rapport.reports.fault.halt-after-delivery is on; the service stops dead after each delivery");
        }
    }

    /**
     * @param what "report", "letter", "status update": for the problem detail
     * @throws DomainException 502 {@code delivery-failed} (nothing left, nothing logged) or
     *                          {@code delivery-unconfirmed} (it may have left; logged, for staff)
     */
    public <C> C send(String what, Steps<C> steps) {
        C claimed = transaction.call(steps::claim);
        try {
            steps.deliver(claimed);
        } catch (MailOutcomeUnknown e) {
            transaction.run(() -> steps.unconfirmed(claimed, e.getMessage()));
            throw DomainException.refused(DomainException.Refusal.UPSTREAM_FAILED, "delivery-unconfirmed", "Delivery unconfirmed",
                    "The connection to the mail server broke while the " + what + " was on its way: it may have "
                            + "arrived. The disclosure is logged and the " + what + " is marked delivery unconfirmed; "
                            + "confirm it arrived, or send it again");
        } catch (RuntimeException e) {
            transaction.run(() -> steps.refused(claimed,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (e instanceof DomainException p) {
                throw p;
            }
            if (e instanceof MailRefused) {
                throw DomainException.refused(DomainException.Refusal.UPSTREAM_FAILED, "delivery-failed", "Delivery failed",
                        "The mail server did not accept the " + what + "; nothing was sent or logged");
            }
            throw e;
        }
        if (haltAfterDelivery) {
            // Test only (ReportSendCrashIT): the crash between the server's acceptance and transaction 2.
            Runtime.getRuntime().halt(137);
        }
        transaction.run(() -> steps.sent(claimed));
        return claimed;
    }
}
