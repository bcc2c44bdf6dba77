package app.rapport.reports.domain;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.outbox.Outbox;
import app.rapport.platform.web.ProblemException;
import app.rapport.reports.messaging.ReportEvents;
import app.rapport.reports.repository.DirectoryStore;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.ReferralStore;
import app.rapport.reports.repository.StatusUpdateRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place a status update is recorded and changes state: recorded from referrals' events
 * for a received referral as far as the referrer's preferences ask, claimed, then sent (with its
 * disclosure row and StatusUpdateSent) or counted as a failed attempt. Each step is its own
 * transaction; the delivery between claim and sent runs outside any (see StatusUpdateSender).
 */
@Singleton
public class StatusUpdates {

    /** Attempts before an update is FAILED, and visible so in the API for staff to follow up by hand. */
    public static final int MAX_ATTEMPTS = 5;
    /** A claim older than this belongs to a sender that stopped mid-delivery: another may take it. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdates.class);

    private final StatusUpdateRepository updates;
    private final ReferralStore referrals;
    private final DirectoryStore directory;
    private final DisclosureRepository disclosures;
    private final Outbox outbox;
    private final ClinicCalendar calendar;

    public StatusUpdates(StatusUpdateRepository updates, ReferralStore referrals, DirectoryStore directory,
                         DisclosureRepository disclosures, Outbox outbox, ClinicCalendar calendar) {
        this.updates = updates;
        this.referrals = referrals;
        this.directory = directory;
        this.disclosures = disclosures;
        this.outbox = outbox;
        this.calendar = calendar;
    }

    /**
     * Records the update a referral's move calls for. Only a received referral's referrer hears
     * back; a redelivered or replayed event finds the update already there and records nothing.
     */
    @Transactional
    public Optional<StatusUpdate> onReferralMoved(String clinicId, String referralId, StatusUpdateKind kind,
                                                  @Nullable String reason, LocalDate occurredOn) {
        Optional<ReferralRecord> referral = referrals.find(clinicId, referralId)
                .filter(r -> "RECEIVED".equals(r.direction()));
        if (referral.isEmpty() || updates.existsByClinicIdAndReferralIdAndKind(clinicId, referralId, kind)) {
            return Optional.empty();
        }
        String referrer = referral.get().practitionerId();
        // Not in the directory copy yet: absent preferences mean all five, so it is recorded.
        if (directory.find(clinicId, referrer).filter(p -> !p.wantedStatusUpdates().contains(kind)).isPresent()) {
            return Optional.empty();
        }
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        StatusUpdate update = updates.save(new StatusUpdate(UUID.randomUUID().toString(), clinicId, referralId, referrer,
                kind, kind == StatusUpdateKind.DECLINED ? reason : null, occurredOn, StatusUpdate.Status.PENDING, 0,
                null, null, now, now, null, null));
        LOG.info("Recorded {} status update {} for referral {}", kind, update.id(), referralId);
        return Optional.of(update);
    }

    /** A referral's updates, oldest first; another clinic's referral is a 404. */
    @ReadOnly
    public List<StatusUpdate> onReferral(String clinicId, String referralId) {
        referrals.find(clinicId, referralId).orElseThrow(() -> ProblemException.notFound("Referral", referralId));
        return updates.onReferral(clinicId, referralId);
    }

    @ReadOnly
    public StatusUpdate find(String clinicId, String id) {
        return updates.findById(id).filter(u -> u.clinicId().equals(clinicId))
                .orElseThrow(() -> ProblemException.notFound("Status update", id));
    }

    @ReadOnly
    public List<StatusUpdate> due() {
        return updates.due(calendar.now().minus(STALE_CLAIM));
    }

    /** @return true when this sender took it (no other sender holds it) */
    @Transactional
    public boolean claim(StatusUpdate update) {
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        return updates.claim(update.id(), now, now.minus(STALE_CLAIM)) == 1;
    }

    /** @throws IllegalStateException when the referral or its referrer is not (yet) known here: a failed attempt */
    @ReadOnly
    public StatusUpdateDocument assemble(StatusUpdate update) {
        ReferralRecord referral = referrals.find(update.clinicId(), update.referralId())
                .orElseThrow(() -> new IllegalStateException("no referral " + update.referralId()));
        Practitioner referrer = directory.find(update.clinicId(), update.practitionerId())
                .orElseThrow(() -> new IllegalStateException("the referrer is not in the directory copy yet"));
        return new StatusUpdateDocument(update, referral, referrer, update.clinicId());
    }

    /** SENT, the disclosure row (basis instead of a consent) and StatusUpdateSent, together. */
    @Transactional
    public void sent(StatusUpdateDocument doc, DeliveryChoice.Route route) {
        StatusUpdate u = doc.update();
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        if (updates.markSent(u.id(), now, route.channel().name()) != 1) {
            LOG.warn("Status update {} was no longer being sent by this sender", u.id());
            return;
        }
        disclosures.save(new Disclosure(UUID.randomUUID().toString(), u.clinicId(), null, null,
                doc.referral().patientReference(), doc.recipient().id(), doc.recipient().displayName(), route.channel(),
                route.disclosedAddress(), null, "status-update-sender", now, null, null, u.id(), u.kind(),
                StatusUpdateWording.BASIS));
        outbox.record(u.clinicId(), "StatusUpdate", u.id(), EventTypes.STATUS_UPDATE_SENT,
                new ReportEvents.StatusUpdateSent(u.id(), u.referralId(), u.practitionerId(), u.kind().name(),
                        route.channel().name(), now.toString()));
        LOG.info("Sent {} status update {} by {}", u.kind(), u.id(), route.channel());
    }

    /** Back to PENDING to try again, or FAILED after {@link #MAX_ATTEMPTS}. */
    @Transactional
    public void attemptFailed(StatusUpdate update, String error) {
        boolean last = update.attempts() + 1 >= MAX_ATTEMPTS;
        updates.markAttemptFailed(update.id(), (last ? StatusUpdate.Status.FAILED : StatusUpdate.Status.PENDING).name(),
                error.length() > 500 ? error.substring(0, 500) : error, calendar.now());
        LOG.warn("Status update {} attempt {} failed{}: {}", update.id(), update.attempts() + 1,
                last ? ", giving up" : "", error);
    }
}
