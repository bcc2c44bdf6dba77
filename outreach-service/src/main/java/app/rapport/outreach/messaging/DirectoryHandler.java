package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.repository.ClinicProfileRepository;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.platform.inbox.PoisonEventException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps the local copy of the directory: the preferred thank-you channel, the physician flag and
 * NPI for the gift ledger, the stage (prospects for the weekly goal), addresses for delivery. When a
 * partner's snapshot arrives after their first referral, the thank-you that was planned on the
 * default channel moves to the channel they prefer. Also keeps the clinic's own profile (name,
 * zone, letterhead, focus niches) and the introductions partners made, on the same topic.
 */
@Singleton
public class DirectoryHandler implements EventHandler {

    private final EventPayloads payloads;
    private final PartnerRepository partners;
    private final TaskRepository tasks;
    private final ClinicProfileRepository profiles;
    private final ActivityPublisher events;
    private final Clock clock;

    public DirectoryHandler(EventPayloads payloads, PartnerRepository partners, TaskRepository tasks,
                            ClinicProfileRepository profiles, ActivityPublisher events, Clock clock) {
        this.payloads = payloads;
        this.partners = partners;
        this.profiles = profiles;
        this.tasks = tasks;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String consumerName() {
        return "outreach-service.directory";
    }

    @Override
    public Set<String> eventTypes() {
        Set<String> types = new HashSet<>(EventTypes.PRACTITIONER_SNAPSHOTS);
        types.add(EventTypes.CLINIC_PROFILE_UPDATED);
        types.add(EventTypes.INTRODUCTION_RECORDED);
        return Set.copyOf(types);
    }

    @Override
    public void apply(EventEnvelope event) {
        switch (event.type()) {
            case EventTypes.CLINIC_PROFILE_UPDATED -> profileUpdated(event);
            case EventTypes.INTRODUCTION_RECORDED -> introductionRecorded(event);
            default -> practitionerSnapshot(event);
        }
    }

    /** The highest version per clinic wins; an older profile replayed changes nothing. */
    private void profileUpdated(EventEnvelope event) {
        ClinicProfilePayload p = payloads.read(event, ClinicProfilePayload.class);
        ZoneId zone;
        try {
            zone = p.timeZone() == null || p.timeZone().isBlank() ? null : ZoneId.of(p.timeZone());
        } catch (DateTimeException e) {
            throw new PoisonEventException("ClinicProfileUpdated has an unknown timeZone: " + p.timeZone());
        }
        var letterhead = p.letterhead();
        profiles.upsertIfNewer(new ClinicProfile(event.clinicId(), p.clinicName(), zone, letterhead.locationName(),
                letterhead.address() == null ? null : letterhead.address().printable(), letterhead.phone(),
                letterhead.fax(), letterhead.email(), p.focusNiches() == null ? List.of() : p.focusNiches(),
                p.version()), clock.instant());
    }

    private void introductionRecorded(EventEnvelope event) {
        IntroductionPayload p = payloads.read(event, IntroductionPayload.class);
        partners.recordIntroduction(event.clinicId(), p.introductionId(), p.practitionerId(),
                p.introducedByPractitionerId(), p.recordedAt());
    }

    private void practitionerSnapshot(EventEnvelope event) {
        PractitionerPayload.Snapshot s = payloads.read(event, PractitionerPayload.class).practitioner();
        Instant now = clock.instant();
        Partner partner = new Partner(event.clinicId(), s.id(), s.firstName(), s.lastName(), s.credentials(),
                s.npi(), s.specialty(), s.organization(), s.email(), s.phone(),
                s.address() == null ? null : s.address().printable(), s.preferredThankYouChannel(), s.stage(),
                s.physician(), s.archived(), s.version(), now);
        if (!partners.upsertIfNewer(partner, now)) {
            return;
        }
        OutreachChannel preferred = OutreachChannel.fromThankYouPreference(s.preferredThankYouChannel());
        for (OutreachTask t : tasks.provisionalChannel(event.clinicId(), s.id())) {
            // Read without a lock: staff may complete the thank-you meanwhile, so the write names only
            // the channel columns and applies only while the task is still open and provisional.
            if (tasks.settleChannel(t.getId(), event.clinicId(), preferred.name(), now) == 1 && t.getChannel() != preferred) {
                t.setChannel(preferred);
                t.setChannelProvisional(false);
                t.setUpdatedAt(now);
                // No event type says "channel changed"; a reschedule to the same day carries the new channel.
                events.rescheduled(t, t.getDueOn(), "Channel set to the partner's preference, " + preferred, now);
            }
        }
    }
}
