package app.rapport.reports.messaging;

import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.repository.DirectoryStore;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.stream.Collectors;

/** contacts.practitioners.v1: the local copy of recipients (name, e-mail, fax, specialty, report preferences). */
@Singleton
public class DirectoryHandler implements EventHandler {

    private final EventPayloads payloads;
    private final DirectoryStore directory;

    public DirectoryHandler(EventPayloads payloads, DirectoryStore directory) {
        this.payloads = payloads;
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "reports-service.practitioners";
    }

    @Override
    public Set<String> eventTypes() {
        return EventTypes.PRACTITIONER_SNAPSHOTS;
    }

    @Override
    public void apply(EventEnvelope event) {
        DirectoryEvents.Snapshot s = payloads.read(event, DirectoryEvents.PractitionerEvent.class).practitioner();
        DirectoryEvents.ReportPreferences prefs = s.reportPreferences();
        String types = prefs == null || prefs.reports() == null ? null : prefs.reports().stream()
                .map(ReportType::valueOf).sorted().map(Enum::name).collect(Collectors.joining(","));
        directory.upsert(new Practitioner(event.clinicId(), s.id(), s.firstName(), s.lastName(), s.credentials(),
                s.specialty(), s.organization(), s.email(), s.fax(), prefs != null, types,
                prefs == null ? null : prefs.everyVisits(), prefs == null ? null : prefs.everyWeeks(),
                prefs == null ? null : ReportChannel.valueOf(prefs.channel()), s.archived(), s.version()));
    }
}
