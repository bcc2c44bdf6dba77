package app.rapport.contacts.messaging;

import app.rapport.contacts.domain.PostalAddress;
import app.rapport.contacts.domain.Practitioner;
import app.rapport.contacts.domain.RelationshipStage;
import app.rapport.contacts.domain.ReportPreferences;
import app.rapport.contacts.domain.ReportType;
import app.rapport.contacts.domain.Specialty;
import app.rapport.contacts.domain.StatusUpdate;
import app.rapport.contacts.domain.ThankYouChannel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/**
 * The payloads contacts-service publishes on {@code contacts.practitioners.v1}, shaped exactly as
 * {@code docs/asyncapi.yaml} and the golden samples. Notes, tags and owner never leave the service.
 */
public final class PractitionerEvents {

    private PractitionerEvents() {
    }

    /** Everything consumers keep in their local copy of the directory. */
    @Serdeable
    public record Snapshot(String id, String firstName, String lastName, @Nullable String credentials,
                           Specialty specialty, @Nullable String organization, @Nullable String npi,
                           @Nullable String email, @Nullable String phone, @Nullable String fax,
                           @Nullable PostalAddress address, ThankYouChannel preferredThankYouChannel,
                           @Nullable ReportPreferences reportPreferences, RelationshipStage stage, boolean physician,
                           boolean archived, int version) {

        public static Snapshot of(Practitioner p) {
            return new Snapshot(p.getId(), p.getFirstName(), p.getLastName(), p.getCredentials(), p.getSpecialty(),
                    p.getOrganization(), p.getNpi(), p.getEmail(), p.getPhone(), p.getFax(), PractitionerEvents.address(p),
                    p.getPreferredThankYouChannel(), PractitionerEvents.reportPreferences(p), p.getStage(), p.physician(), p.isArchived(),
                    p.getVersion());
        }

        /** The same snapshot at another version, to compare what consumers would see before and after an edit. */
        public Snapshot atVersion(int otherVersion) {
            return new Snapshot(id, firstName, lastName, credentials, specialty, organization, npi, email, phone, fax,
                    address, preferredThankYouChannel, reportPreferences, stage, physician, archived, otherVersion);
        }
    }

    @Serdeable
    public record PractitionerRegistered(Snapshot practitioner, Instant registeredAt) {
    }

    @Serdeable
    public record PractitionerUpdated(Snapshot practitioner, Instant updatedAt) {
    }

    @Serdeable
    public record PractitionerStageChanged(Snapshot practitioner, RelationshipStage from, RelationshipStage to,
                                           @Nullable String reason, String changedBy, Instant changedAt) {
    }

    @Serdeable
    public record PractitionerArchived(Snapshot practitioner, @Nullable String reason, Instant archivedAt) {
    }

    @Serdeable
    public record IntroductionRecorded(String introductionId, String practitionerId, String introducedByPractitionerId,
                                       @Nullable String note, Instant recordedAt) {
    }

    public static @Nullable PostalAddress address(Practitioner p) {
        if (p.getAddressLine1() == null) {
            return null;
        }
        return new PostalAddress(p.getAddressLine1(), p.getAddressLine2(), p.getAddressCity(), p.getAddressRegion(),
                p.getAddressPostalCode(), p.getAddressCountry());
    }

    /** The partner's preferences with the defaults filled in, so no consumer needs its own copy of them. */
    public static @Nullable ReportPreferences reportPreferences(Practitioner p) {
        if (p.getReportChannel() == null) {
            return null;
        }
        return new ReportPreferences(
                ReportPreferences.fromColumn(p.getReportTypes(), ReportType.class, ReportPreferences.DEFAULT_REPORTS),
                ReportPreferences.fromColumn(p.getReportStatusUpdates(), StatusUpdate.class,
                        ReportPreferences.DEFAULT_STATUS_UPDATES),
                p.getReportEveryVisits(), p.getReportEveryWeeks(), p.getReportChannel());
    }
}
