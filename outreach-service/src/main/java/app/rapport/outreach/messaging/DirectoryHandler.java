package app.rapport.outreach.messaging;

import app.rapport.outreach.domain.ActivityPublisher;
import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.repository.ClinicProfileRepository;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.inbox.PoisonEventException;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the local copy of the directory: the preferred thank-you channel, the physician flag and
 * NPI for the gift ledger, the stage (prospects for the weekly goal), addresses for delivery. When a
 * partner's snapshot arrives after their first referral, the thank-you that was planned on the
 * default channel moves to the channel they prefer. Also keeps the clinic's own profile (name,
 * zone, letterhead, focus niches) and the introductions partners made, on the same topic.
 */
@Singleton
public class DirectoryHandler implements EventHandler<InboundDirectory> {

    private final PartnerRepository partners;
    private final TaskRepository tasks;
    private final ClinicProfileRepository profiles;
    private final ActivityPublisher events;
    private final Clock clock;

    public DirectoryHandler(PartnerRepository partners, TaskRepository tasks,
                            ClinicProfileRepository profiles, ActivityPublisher events, Clock clock) {
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
    public Map<String, Class<? extends InboundDirectory>> payloadTypes() {
        Map<String, Class<? extends InboundDirectory>> types = new HashMap<>(
                EventHandler.sameRecord(InboundPractitioner.class, EventTypes.PRACTITIONER_SNAPSHOTS));
        types.put(EventTypes.CLINIC_PROFILE_UPDATED, InboundClinicProfile.class);
        types.put(EventTypes.INTRODUCTION_RECORDED, InboundIntroduction.class);
        return Map.copyOf(types);
    }

    @Override
    public void apply(InboundEvent<InboundDirectory> event) {
        if (event.payload() instanceof InboundClinicProfile profile) {
            profileUpdated(event.clinicId(), profile);
        } else if (event.payload() instanceof InboundIntroduction introduction) {
            introductionRecorded(event.clinicId(), introduction);
        } else if (event.payload() instanceof InboundPractitioner practitioner) {
            practitionerSnapshot(event.clinicId(), practitioner.practitioner());
        }
    }

    /** The highest version per clinic wins; an older profile replayed changes nothing. */
    private void profileUpdated(String clinicId, InboundClinicProfile p) {
        ZoneId zone;
        try {
            zone = p.timeZone() == null || p.timeZone().isBlank() ? null : ZoneId.of(p.timeZone());
        } catch (DateTimeException e) {
            throw new PoisonEventException("ClinicProfileUpdated has an unknown timeZone: " + p.timeZone());
        }
        var letterhead = p.letterhead();
        ClinicProfile snapshot = new ClinicProfile(clinicId, p.clinicName(), zone, letterhead.locationName(),
                letterhead.address() == null ? null : letterhead.address().printable(), letterhead.phone(),
                letterhead.fax(), letterhead.email(), p.focusNiches() == null ? List.of() : p.focusNiches(),
                p.version(), clock.instant());
        profiles.keepNewer(profiles.lock(clinicId), snapshot);
    }

    private void introductionRecorded(String clinicId, InboundIntroduction p) {
        partners.recordIntroduction(clinicId, p.introductionId(), p.practitionerId(),
                p.introducedByPractitionerId(), p.recordedAt());
    }

    private void practitionerSnapshot(String clinicId, InboundPractitioner.Snapshot s) {
        Instant now = clock.instant();
        // First seen now, unless the copy already holds the partner: then replacing() keeps its day.
        Partner snapshot = new Partner(new Partner.Key(clinicId, s.id()), s.firstName(), s.lastName(), s.credentials(),
                s.npi(), s.specialty(), s.organization(), s.email(), s.phone(),
                s.address() == null ? null : s.address().printable(), s.preferredThankYouChannel(), s.stage(),
                s.physician(), s.archived(), s.version(), now, now);
        if (!partners.keepNewer(partners.lock(clinicId, s.id()), snapshot).changed()) {
            return; // a replay or a late delivery: the copy holds this version or a newer one
        }
        OutreachChannel preferred = OutreachChannel.fromThankYouPreference(s.preferredThankYouChannel());
        for (OutreachTask t : tasks.provisionalChannel(clinicId, s.id())) {
            // Read without a lock: staff may complete the thank-you meanwhile, so the write names only
            // the channel columns and applies only while the task is still open and provisional.
            if (tasks.settleChannel(t.getId(), clinicId, preferred.name(), now) == 1 && t.getChannel() != preferred) {
                t.setChannel(preferred);
                t.setChannelProvisional(false);
                t.setUpdatedAt(now);
                // No event type says "channel changed"; a reschedule to the same day carries the new channel.
                events.rescheduled(t, t.getDueOn(), "Channel set to the partner's preference, " + preferred, now);
            }
        }
    }
}
