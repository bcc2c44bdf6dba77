package app.rapport.contacts.web;

import app.rapport.contacts.domain.PostalAddress;
import app.rapport.contacts.domain.Practitioner;
import app.rapport.contacts.domain.RelationshipStage;
import app.rapport.contacts.domain.ReportPreferences;
import app.rapport.contacts.domain.Specialty;
import app.rapport.contacts.domain.ThankYouChannel;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A partner as staff see it: the details, the relationship, and what other services told the
 * directory (referrals received and sent, last contact).
 *
 * @param physician              what the gift rules use: the override, else derived
 * @param physicianByCredentials what the directory derives from specialty and credentials
 */
@Serdeable
public record PractitionerView(String id, String firstName, String lastName, @Nullable String credentials,
                               Specialty specialty, @Nullable String organization, @Nullable String npi,
                               @Nullable String email, @Nullable String phone, @Nullable String fax,
                               @Nullable PostalAddress address, ThankYouChannel preferredThankYouChannel,
                               @Nullable ReportPreferences reportPreferences, RelationshipStage stage,
                               @Nullable String owner, List<String> tags, @Nullable String notes,
                               boolean physician, boolean physicianByCredentials, @Nullable Boolean physicianOverride,
                               @Nullable String introducedByPractitionerId, boolean archived,
                               @Nullable Instant archivedAt, @Nullable String archiveReason,
                               int referralsReceived, @Nullable LocalDate firstReferralReceivedOn,
                               @Nullable LocalDate lastReferralReceivedOn, int referralsSent,
                               @Nullable LocalDate firstReferralSentOn, @Nullable LocalDate lastReferralSentOn,
                               @Nullable Instant lastContactAt, int version, Instant createdAt, Instant updatedAt) {

    public static PractitionerView of(Practitioner p, List<String> tags) {
        return new PractitionerView(p.getId(), p.getFirstName(), p.getLastName(), p.getCredentials(), p.getSpecialty(),
                p.getOrganization(), p.getNpi(), p.getEmail(), p.getPhone(), p.getFax(),
                PostalAddress.of(p), p.getPreferredThankYouChannel(), ReportPreferences.of(p),
                p.getStage(), p.getOwner(), tags, p.getNotes(), p.physician(), p.physicianByCredentials(),
                p.getPhysicianOverride(), p.getIntroducedBy(), p.isArchived(), p.getArchivedAt(), p.getArchiveReason(),
                p.getReferralsReceived(), p.getFirstReferralReceivedOn(), p.getLastReferralReceivedOn(),
                p.getReferralsSent(), p.getFirstReferralSentOn(), p.getLastReferralSentOn(), p.getLastContactAt(),
                p.getVersion(), p.getCreatedAt(), p.getUpdatedAt());
    }
}
