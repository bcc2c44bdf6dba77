package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PractitionerDirectory;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import app.rapport.platform.inbox.EventHandler;
import app.rapport.platform.inbox.EventPayloads;
import jakarta.inject.Singleton;

import java.util.Set;

/** A partner's last contact: an outreach task done with them, or a report sent to them. */
public final class LastContactHandlers {

    private LastContactHandlers() {
    }

    @Singleton
    public static class OutreachDone implements EventHandler {

        private final EventPayloads payloads;
        private final PractitionerDirectory directory;

        public OutreachDone(EventPayloads payloads, PractitionerDirectory directory) {
            this.payloads = payloads;
            this.directory = directory;
        }

        @Override
        public String consumerName() {
            return "contacts-service.outreach";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of(EventTypes.OUTREACH_TASK_COMPLETED);
        }

        @Override
        public void apply(EventEnvelope event) {
            var done = payloads.read(event, PartnerActivityPayloads.OutreachTaskCompleted.class);
            directory.contacted(event.clinicId(), done.practitionerId(), done.occurredAt());
        }
    }

    @Singleton
    public static class ReportDelivered implements EventHandler {

        private final EventPayloads payloads;
        private final PractitionerDirectory directory;

        public ReportDelivered(EventPayloads payloads, PractitionerDirectory directory) {
            this.payloads = payloads;
            this.directory = directory;
        }

        @Override
        public String consumerName() {
            return "contacts-service.reports";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of(EventTypes.REPORT_SENT);
        }

        @Override
        public void apply(EventEnvelope event) {
            var sent = payloads.read(event, PartnerActivityPayloads.ReportSent.class);
            directory.contacted(event.clinicId(), sent.practitionerId(), sent.sentAt());
        }
    }
}
