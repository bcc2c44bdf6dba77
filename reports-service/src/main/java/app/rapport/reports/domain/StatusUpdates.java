package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.reports.repository.DirectoryRepository;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.ReferralRepository;
import app.rapport.reports.repository.StatusUpdateRepository;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place a status update is recorded and changes state: recorded from referrals' events
 * for a received referral as far as the referrer's preferences ask, claimed, then sent (with its
 * disclosure row at the claim, StatusUpdateSent at SENT) or counted as a failed attempt, through
 * {@link Sending} as reports and letters are (see StatusUpdateSender).
 */
@Singleton
public class StatusUpdates {

    /** Attempts before an update is FAILED, and visible so in the API for staff to follow up by hand. */
    public static final int MAX_ATTEMPTS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(StatusUpdates.class);

    private final StatusUpdateRepository updates;
    private final ReferralRepository referrals;
    private final DirectoryRepository directory;
    private final DisclosureRepository disclosures;
    private final ReportPublisher events;
    private final ClinicCalendar calendar;
    private final DeliveryChoice delivery;

    public StatusUpdates(StatusUpdateRepository updates, ReferralRepository referrals, DirectoryRepository directory,
                         DisclosureRepository disclosures, ReportPublisher events, ClinicCalendar calendar,
                         DeliveryChoice delivery) {
        this.updates = updates;
        this.referrals = referrals;
        this.directory = directory;
        this.disclosures = disclosures;
        this.events = events;
        this.calendar = calendar;
        this.delivery = delivery;
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
        referrals.find(clinicId, referralId).orElseThrow(() -> DomainException.notFound("Referral", referralId));
        return updates.onReferral(clinicId, referralId);
    }

    @ReadOnly
    public StatusUpdate find(String clinicId, String id) {
        return updates.findById(id).filter(u -> u.clinicId().equals(clinicId))
                .orElseThrow(() -> DomainException.notFound("Status update", id));
    }

    @ReadOnly
    public List<StatusUpdate> due() {
        return updates.due();
    }

    /** An update claimed for sending; {@code newDisclosure} false when one sent before may have arrived already. */
    record Claimed(StatusUpdateDocument doc, DeliveryChoice.Route route, Disclosure disclosure, boolean newDisclosure) {
    }

    /** The referral or its referrer is not (yet) known here: a failed attempt, nothing claimed. */
    static class NotSendable extends RuntimeException {
        NotSendable(String message) {
            super(message);
        }
    }

    /** Another sender took it first. */
    static class TakenElsewhere extends RuntimeException {
        TakenElsewhere() {
            super(null, null, false, false);
        }
    }

    /**
     * Transaction 1 of {@link Sending}: SENDING and the disclosure row (basis instead of a consent),
     * only if no other sender took it.
     */
    Claimed claim(StatusUpdate update) {
        StatusUpdateDocument doc;
        try {
            doc = assemble(update);
        } catch (IllegalStateException e) {
            throw new NotSendable(e.getMessage());
        }
        DeliveryChoice.Route route = delivery.forStatusUpdate(doc.recipient());
        Instant now = now();
        if (updates.claim(update.id(), now, route.channel().name()) != 1) {
            throw new TakenElsewhere();
        }
        Optional<Disclosure> earlier = disclosures.findByClinicIdAndStatusUpdateId(update.clinicId(), update.id());
        Disclosure disclosure = earlier.orElseGet(() -> disclosures.save(new Disclosure(UUID.randomUUID().toString(),
                update.clinicId(), null, null, doc.referral().patientReference(), doc.recipient().id(),
                doc.recipient().displayName(), route.channel(), route.disclosedAddress(), null, "status-update-sender",
                now, null, null, update.id(), update.kind(), StatusUpdateWording.BASIS)));
        return new Claimed(doc, route, disclosure, earlier.isEmpty());
    }

    /** Transaction 2: SENT and StatusUpdateSent. */
    void sent(Claimed c) {
        StatusUpdate u = c.doc().update();
        Instant now = now();
        if (updates.markSent(u.id(), now) != 1) {
            LOG.warn("Status update {} was no longer being sent by this sender", u.id());
            return;
        }
        recordSent(u, c.route().channel(), now);
        LOG.info("Sent {} status update {} by {}", u.kind(), u.id(), c.route().channel());
    }

    private void recordSent(StatusUpdate u, ReportChannel channel, Instant now) {
        events.statusUpdateSent(u, channel, now);
    }

    /** It certainly did not leave: a failed attempt, and no disclosure unless an earlier send may have arrived. */
    void refused(Claimed c, String why) {
        if (c.newDisclosure()) {
            disclosures.deleteById(c.disclosure().id());
        }
        attemptFailed(c.doc().update(), why);
    }

    void unconfirmed(Claimed c, String why) {
        updates.markUnconfirmed(c.doc().update().id(), shortened(why), now());
        LOG.warn("Status update {} delivery unconfirmed: {}", c.doc().update().id(), why);
    }

    /** Staff saw an unconfirmed update arrive: SENT and StatusUpdateSent. */
    @Transactional
    public StatusUpdate confirmDelivered(String clinicId, String id) {
        StatusUpdate u = unconfirmed(clinicId, id);
        Instant now = now();
        updates.markSent(id, now);
        recordSent(u, u.channel(), now);
        return find(clinicId, id);
    }

    /** Staff send an unconfirmed update again, deliberately: PENDING, with the same Message-ID and disclosure. */
    @Transactional
    public StatusUpdate sendAgain(String clinicId, String id) {
        unconfirmed(clinicId, id);
        updates.sendAgain(id, now());
        return find(clinicId, id);
    }

    private StatusUpdate unconfirmed(String clinicId, String id) {
        StatusUpdate u = find(clinicId, id);
        if (u.status() != StatusUpdate.Status.DELIVERY_UNCONFIRMED) {
            throw DomainException.conflict("Status update " + id + " is " + u.status()
                    + "; only one whose delivery is unconfirmed can be confirmed or sent again").with("status", u.status().name());
        }
        return u;
    }

    /** @throws IllegalStateException when the referral or its referrer is not (yet) known here: a failed attempt */
    public StatusUpdateDocument assemble(StatusUpdate update) {
        ReferralRecord referral = referrals.find(update.clinicId(), update.referralId())
                .orElseThrow(() -> new IllegalStateException("no referral " + update.referralId()));
        if (referral.patientBirthDate() == null) {
            // PatientReferred travels on its own topic (ADR 0206) and may come after the status change
            throw new IllegalStateException("the patient's details have not arrived yet");
        }
        Practitioner referrer = directory.find(update.clinicId(), update.practitionerId())
                .orElseThrow(() -> new IllegalStateException("the referrer is not in the directory copy yet"));
        return new StatusUpdateDocument(update, referral, referrer, update.clinicId());
    }

    /**
     * The recovery step ({@link SendingRecovery}): status updates SENDING since before {@code staleBefore}
     * belong to a sender that stopped, so they become DELIVERY_UNCONFIRMED for staff.
     *
     * @return how many
     */
    public long flagStaleSends(Instant staleBefore, Instant now) {
        return updates.flagUnconfirmed(staleBefore, now);
    }

    private Instant now() {
        return calendar.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String shortened(String error) {
        return error == null ? "unknown" : error.length() > 500 ? error.substring(0, 500) : error;
    }

    /** Back to PENDING to try again, or FAILED after {@link #MAX_ATTEMPTS}. */
    @Transactional
    public void attemptFailed(StatusUpdate update, String error) {
        boolean last = update.attempts() + 1 >= MAX_ATTEMPTS;
        updates.markAttemptFailed(update.id(), (last ? StatusUpdate.Status.FAILED : StatusUpdate.Status.PENDING).name(),
                shortened(error), calendar.now());
        LOG.warn("Status update {} attempt {} failed{}: {}", update.id(), update.attempts() + 1,
                last ? ", giving up" : "", error);
    }
}
