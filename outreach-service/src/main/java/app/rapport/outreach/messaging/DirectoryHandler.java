package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Keeps the local copy of the directory: the preferred thank-you channel, the physician flag for
 * the gift ledger, the stage (prospects for the weekly goal), addresses for delivery. When a
 * partner's snapshot arrives after their first referral, the thank-you that was planned on the
 * default channel moves to the channel they prefer.
 */
@Singleton
public class DirectoryHandler implements EventHandler {

    private final EventPayloads payloads;
    private final PartnerRepository partners;
    private final TaskRepository tasks;
    private final ActivityPublisher events;
    private final Clock clock;

    public DirectoryHandler(EventPayloads payloads, PartnerRepository partners, TaskRepository tasks,
                            ActivityPublisher events, Clock clock) {
        this.payloads = payloads;
        this.partners = partners;
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
        return EventTypes.PRACTITIONER_SNAPSHOTS;
    }

    @Override
    public void apply(EventEnvelope event) {
        PractitionerPayload.Snapshot s = payloads.read(event, PractitionerPayload.class).practitioner();
        Instant now = clock.instant();
        Partner partner = new Partner(event.clinicId(), s.id(), s.firstName(), s.lastName(), s.credentials(),
                s.specialty(), s.organization(), s.email(), s.phone(),
                s.address() == null ? null : s.address().printable(), s.preferredThankYouChannel(), s.stage(),
                s.physician(), s.archived(), s.version(), now);
        if (!partners.upsertIfNewer(partner, now)) {
            return;
        }
        OutreachChannel preferred = OutreachChannel.fromThankYouPreference(s.preferredThankYouChannel());
        for (OutreachTask t : tasks.provisionalChannel(event.clinicId(), s.id())) {
            boolean changed = t.getChannel() != preferred;
            t.setChannel(preferred);
            t.setChannelProvisional(false);
            t.setUpdatedAt(now);
            tasks.update(t);
            if (changed) {
                // No event type says "channel changed"; a reschedule to the same day carries the new channel.
                events.rescheduled(t, t.getDueOn(), "Channel set to the partner's preference, " + preferred, now);
            }
        }
    }
}
