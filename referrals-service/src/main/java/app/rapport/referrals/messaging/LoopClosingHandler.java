package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.repository.ReferralRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.Set;

/**
 * Closes a referral's loop when reports-service says a report for it went out: the referral keeps
 * when and to whom the first report was sent. A later report, or the same one again, changes nothing;
 * an earlier one arriving late (reports are keyed by report id, so their order is not guaranteed)
 * takes its place, so the loop always shows the first report.
 */
@Singleton
public class LoopClosingHandler implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LoopClosingHandler.class);

    private final EventPayloads payloads;
    private final ReferralRepository referrals;

    public LoopClosingHandler(EventPayloads payloads, ReferralRepository referrals) {
        this.payloads = payloads;
        this.referrals = referrals;
    }

    @Override
    public String consumerName() {
        return "referrals-service.reports";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(EventTypes.REPORT_SENT);
    }

    @Override
    public void apply(EventEnvelope event) {
        InboundEvents.ReportSent sent = payloads.read(event, InboundEvents.ReportSent.class);
        Optional<Referral> found = referrals.lockByIdAndClinicId(sent.referralId(), event.clinicId());
        if (found.isEmpty()) {
            // Not a referral of this clinic: the event header decides the tenant, so nothing to do.
            LOG.warn("Report {} sent for referral {} unknown in clinic {}; ignored", sent.reportId(), sent.referralId(),
                    event.clinicId());
            return;
        }
        Referral referral = found.get();
        if (referral.loopClosedAt() != null && !sent.sentAt().isBefore(referral.loopClosedAt())) {
            return;
        }
        referrals.update(referral.withLoopClosed(sent.sentAt(), sent.reportId(), sent.practitionerId(),
                sent.recipientRole(), sent.channel()));
        LOG.info("Referral {} loop closed by report {}", referral.id(), sent.reportId());
    }
}
