package app.rapport.referrals.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.referrals.domain.Referral;
import app.rapport.referrals.repository.ReferralRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;

import java.time.Clock;

/**
 * Closes a referral's loop when the referring practitioner heard back: a report sent to them
 * ({@code recipientRole: REFERRING_PRACTITIONER}), or the status update telling them the referral
 * was declined (a declined referral gets no report). A report to the patient's PCP alone is kept as
 * the day the PCP was reported to and leaves the loop open. The earliest qualifying message wins:
 * a later one, or the same one again, changes nothing; an earlier one arriving late (reports-service
 * keys by report or update id, so their order is not guaranteed) takes its place.
 */
@Singleton
public class ReportsHandler implements EventHandler<InboundEvents.SentAboutReferral> {

    private static final Logger LOG = LoggerFactory.getLogger(ReportsHandler.class);

    private final ReferralRepository referrals;
    private final Clock clock;

    public ReportsHandler(ReferralRepository referrals, Clock clock) {
        this.clock = clock;
        this.referrals = referrals;
    }

    @Override
    public String consumerName() {
        return "referrals-service.reports";
    }

    @Override
    public Map<String, Class<? extends InboundEvents.SentAboutReferral>> payloadTypes() {
        return Map.of(EventTypes.REPORT_SENT, InboundEvents.ReportSent.class,
                EventTypes.STATUS_UPDATE_SENT, InboundEvents.StatusUpdateSent.class);
    }

    @Override
    public void apply(InboundEvent<InboundEvents.SentAboutReferral> event) {
        if (event.payload() instanceof InboundEvents.StatusUpdateSent update) {
            onStatusUpdateSent(event, update);
        } else if (event.payload() instanceof InboundEvents.ReportSent report) {
            onReportSent(event, report);
        }
    }

    private void onReportSent(InboundEvent<?> event, InboundEvents.ReportSent sent) {
        Optional<Referral> found = referralOf(event, sent.referralId(), "Report " + sent.reportId());
        if (found.isEmpty()) {
            return;
        }
        Referral referral = found.get();
        switch (sent.recipientRole()) {
            case Referral.REFERRING_PRACTITIONER -> {
                if (referral.loopWouldCloseEarlierAt(sent.sentAt())) {
                    referrals.update(referral.withLoopClosedByReport(sent.sentAt(), sent.reportId(),
                            sent.practitionerId(), sent.channel(), clock.instant()));
                    LOG.info("Referral {} loop closed by report {}", referral.id(), sent.reportId());
                }
            }
            case Referral.PRIMARY_CARE -> {
                // The PCP was kept informed, but the referrer has not heard back yet: the loop stays open.
                if (referral.pcpWouldBeReportedEarlierAt(sent.sentAt())) {
                    referrals.update(referral.withPcpReportedAt(sent.sentAt(), clock.instant()));
                    LOG.info("Referral {} reported to the PCP by report {}; loop unchanged", referral.id(),
                            sent.reportId());
                }
            }
            default -> LOG.warn("Report {} has recipient role {}, which neither closes a loop nor reports to a PCP; ignored",
                    sent.reportId(), sent.recipientRole());
        }
    }

    private void onStatusUpdateSent(InboundEvent<?> event, InboundEvents.StatusUpdateSent sent) {
        if (!InboundEvents.StatusUpdateSent.DECLINED.equals(sent.update())) {
            // Accepted, scheduled, first visit, completed: a report is still to come, and it closes the loop.
            return;
        }
        Optional<Referral> found = referralOf(event, sent.referralId(), "Status update " + sent.updateId());
        if (found.isPresent() && found.get().loopWouldCloseEarlierAt(sent.sentAt())) {
            referrals.update(found.get().withLoopClosedByStatusUpdate(sent.sentAt(), sent.updateId(),
                    sent.practitionerId(), sent.channel(), clock.instant()));
            LOG.info("Referral {} loop closed by the declined status update {}", sent.referralId(), sent.updateId());
        }
    }

    private Optional<Referral> referralOf(InboundEvent<?> event, String referralId, String what) {
        Optional<Referral> found = referrals.lockByIdAndClinicId(referralId, event.clinicId());
        if (found.isEmpty()) {
            // Not a referral of this clinic: the event header decides the tenant, so nothing to do.
            LOG.warn("{} sent for referral {} unknown in clinic {}; ignored", what, referralId, event.clinicId());
        }
        return found;
    }
}
