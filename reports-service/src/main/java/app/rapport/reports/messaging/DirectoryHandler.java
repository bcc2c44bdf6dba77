package app.rapport.reports.messaging;

import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.InboundEvent;
import app.rapport.platform.inbox.PoisonEventException;
import app.rapport.reports.domain.PostalAddress;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.domain.StatusUpdateKind;
import app.rapport.reports.repository.DirectoryEntry;
import app.rapport.reports.repository.DirectoryRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** contacts.practitioners.v1: the local copy of recipients (name, e-mail, fax, specialty, report preferences). */
@Singleton
public class DirectoryHandler implements EventHandler<InboundDirectory.PractitionerEvent> {

    /** What a partner gets who did not say which reports (contacts-service's ReportPreferences.DEFAULT_REPORTS). */
    static final List<String> DEFAULT_REPORTS = List.of(ReportType.INITIAL.name(), ReportType.DISCHARGE.name());

    private final DirectoryRepository directory;

    public DirectoryHandler(DirectoryRepository directory) {
        this.directory = directory;
    }

    @Override
    public String consumerName() {
        return "reports-service.practitioners";
    }

    @Override
    public Map<String, Class<? extends InboundDirectory.PractitionerEvent>> payloadTypes() {
        return EventHandler.sameRecord(InboundDirectory.PractitionerEvent.class, EventTypes.PRACTITIONER_SNAPSHOTS);
    }

    @Override
    public void apply(InboundEvent<InboundDirectory.PractitionerEvent> event) {
        InboundDirectory.Snapshot s = event.payload().practitioner();
        InboundDirectory.ReportPreferences prefs = s.reportPreferences();
        // Preferences stating only a channel or a cadence still want the default reports: a list left
        // out is the default, and only an empty list means none.
        String types = prefs == null ? null : column(prefs.reports() == null ? DEFAULT_REPORTS : prefs.reports(),
                ReportType.class);
        String updates = prefs == null || prefs.statusUpdates() == null ? null
                : column(prefs.statusUpdates(), StatusUpdateKind.class);
        var a = s.address();
        Practitioner snapshot = new Practitioner(event.clinicId(), s.id(), s.firstName(), s.lastName(), s.credentials(),
                s.specialty(), s.organization(), s.email(), s.fax(), prefs != null, types,
                prefs == null ? null : prefs.everyVisits(), prefs == null ? null : prefs.everyWeeks(),
                prefs == null || prefs.channel() == null ? null
                        : ReportChannel.valueOf(column(List.of(prefs.channel()), ReportChannel.class)), s.archived(), s.version(), updates,
                a == null ? null : new PostalAddress(a.line1(), a.line2(), a.city(), a.region(), a.postalCode(),
                        a.country()));
        // Keeps the newer of the stored and the given snapshot: events may arrive replayed or late.
        directory.keepNewer(directory.lock(snapshot.clinicId(), snapshot.id()), DirectoryEntry.of(snapshot));
    }

    /** The names as stored, sorted; a name this service does not know makes the event unusable, not the consumer stuck. */
    private static <E extends Enum<E>> String column(List<String> names, Class<E> type) {
        try {
            return names.stream().map(n -> Enum.valueOf(type, n)).distinct().sorted().map(Enum::name)
                    .collect(Collectors.joining(","));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("reportPreferences names an unknown " + type.getSimpleName() + ": " + names);
        }
    }
}
