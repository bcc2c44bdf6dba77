package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A referral partner in the clinic's directory, with the relationship's state. A mutable row:
 * {@link PractitionerDirectory} changes it under a row lock and bumps {@code version} with every
 * change that consumers see, so their upserts can ignore an older snapshot.
 */
@MappedEntity("practitioner")
// The status setters are package-private (see moveTo, archive, restore); the data layer still needs them.
@Introspected(visibility = Introspected.Visibility.ANY)
public class Practitioner {

    private @Id String id;
    private String clinicId;
    private String firstName;
    private String lastName;
    private @Nullable String credentials;
    private Specialty specialty;
    private @Nullable String organization;
    /** First name, last name and organization folded for the likely-duplicate check (ADR 0100). */
    private String nameKey;
    private @Nullable String npi;
    private @Nullable String email;
    private @Nullable String phone;
    private @Nullable String fax;
    private @Nullable String addressLine1;
    private @Nullable String addressLine2;
    private @Nullable String addressCity;
    private @Nullable String addressRegion;
    private @Nullable String addressPostalCode;
    private @Nullable String addressCountry;
    private ThankYouChannel preferredThankYouChannel;
    private @Nullable String reportTypes;
    private @Nullable String reportStatusUpdates;
    private @Nullable Integer reportEveryVisits;
    private @Nullable Integer reportEveryWeeks;
    private @Nullable ReportChannel reportChannel;
    private RelationshipStage stage;
    private @Nullable String owner;
    private @Nullable String notes;
    private @Nullable Boolean physicianOverride;
    private @Nullable String introducedBy;
    private boolean archived;
    private @Nullable Instant archivedAt;
    private @Nullable String archiveReason;
    private int referralsReceived;
    private @Nullable LocalDate firstReferralReceivedOn;
    private @Nullable LocalDate lastReferralReceivedOn;
    private int referralsSent;
    private @Nullable LocalDate firstReferralSentOn;
    private @Nullable LocalDate lastReferralSentOn;
    private @Nullable Instant lastContactAt;
    private int version;
    private Instant createdAt;
    private Instant updatedAt;

    /** The relationship moves to {@code to}; a change the other services' copies take (version + 1). */
    void moveTo(RelationshipStage to, Instant at) {
        this.stage = to;
        changed(at);
    }

    /** Kept with the whole history, but offered for no new referral. */
    void archive(Instant at, @Nullable String reason) {
        this.archived = true;
        this.archivedAt = at;
        this.archiveReason = reason;
        changed(at);
    }

    /** Back in the directory as the same partner (returned to practice, or archived by mistake). */
    void restore(Instant at) {
        this.archived = false;
        this.archivedAt = null;
        this.archiveReason = null;
        changed(at);
    }

    private void changed(Instant at) {
        this.updatedAt = at;
        this.version++;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getClinicId() {
        return clinicId;
    }

    public void setClinicId(String clinicId) {
        this.clinicId = clinicId;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    @Nullable
    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(@Nullable String credentials) {
        this.credentials = credentials;
    }

    public Specialty getSpecialty() {
        return specialty;
    }

    public void setSpecialty(Specialty specialty) {
        this.specialty = specialty;
    }

    @Nullable
    public String getOrganization() {
        return organization;
    }

    public void setOrganization(@Nullable String organization) {
        this.organization = organization;
    }

    public String getNameKey() {
        return nameKey;
    }

    public void setNameKey(String nameKey) {
        this.nameKey = nameKey;
    }

    @Nullable
    public String getNpi() {
        return npi;
    }

    public void setNpi(@Nullable String npi) {
        this.npi = npi;
    }

    @Nullable
    public String getEmail() {
        return email;
    }

    public void setEmail(@Nullable String email) {
        this.email = email;
    }

    @Nullable
    public String getPhone() {
        return phone;
    }

    public void setPhone(@Nullable String phone) {
        this.phone = phone;
    }

    @Nullable
    public String getFax() {
        return fax;
    }

    public void setFax(@Nullable String fax) {
        this.fax = fax;
    }

    @Nullable
    public String getAddressLine1() {
        return addressLine1;
    }

    public void setAddressLine1(@Nullable String addressLine1) {
        this.addressLine1 = addressLine1;
    }

    @Nullable
    public String getAddressLine2() {
        return addressLine2;
    }

    public void setAddressLine2(@Nullable String addressLine2) {
        this.addressLine2 = addressLine2;
    }

    @Nullable
    public String getAddressCity() {
        return addressCity;
    }

    public void setAddressCity(@Nullable String addressCity) {
        this.addressCity = addressCity;
    }

    @Nullable
    public String getAddressRegion() {
        return addressRegion;
    }

    public void setAddressRegion(@Nullable String addressRegion) {
        this.addressRegion = addressRegion;
    }

    @Nullable
    public String getAddressPostalCode() {
        return addressPostalCode;
    }

    public void setAddressPostalCode(@Nullable String addressPostalCode) {
        this.addressPostalCode = addressPostalCode;
    }

    @Nullable
    public String getAddressCountry() {
        return addressCountry;
    }

    public void setAddressCountry(@Nullable String addressCountry) {
        this.addressCountry = addressCountry;
    }

    public ThankYouChannel getPreferredThankYouChannel() {
        return preferredThankYouChannel;
    }

    public void setPreferredThankYouChannel(ThankYouChannel preferredThankYouChannel) {
        this.preferredThankYouChannel = preferredThankYouChannel;
    }

    @Nullable
    public String getReportTypes() {
        return reportTypes;
    }

    public void setReportTypes(@Nullable String reportTypes) {
        this.reportTypes = reportTypes;
    }

    @Nullable
    public String getReportStatusUpdates() {
        return reportStatusUpdates;
    }

    public void setReportStatusUpdates(@Nullable String reportStatusUpdates) {
        this.reportStatusUpdates = reportStatusUpdates;
    }

    @Nullable
    public Integer getReportEveryVisits() {
        return reportEveryVisits;
    }

    public void setReportEveryVisits(@Nullable Integer reportEveryVisits) {
        this.reportEveryVisits = reportEveryVisits;
    }

    @Nullable
    public Integer getReportEveryWeeks() {
        return reportEveryWeeks;
    }

    public void setReportEveryWeeks(@Nullable Integer reportEveryWeeks) {
        this.reportEveryWeeks = reportEveryWeeks;
    }

    @Nullable
    public ReportChannel getReportChannel() {
        return reportChannel;
    }

    public void setReportChannel(@Nullable ReportChannel reportChannel) {
        this.reportChannel = reportChannel;
    }

    public RelationshipStage getStage() {
        return stage;
    }

    /** For the data layer only: the relationship moves through {@link #moveTo}, {@link #archive}, {@link #restore}. */
    void setStage(RelationshipStage stage) {
        this.stage = stage;
    }

    @Nullable
    public String getOwner() {
        return owner;
    }

    public void setOwner(@Nullable String owner) {
        this.owner = owner;
    }

    @Nullable
    public String getNotes() {
        return notes;
    }

    public void setNotes(@Nullable String notes) {
        this.notes = notes;
    }

    @Nullable
    public Boolean getPhysicianOverride() {
        return physicianOverride;
    }

    public void setPhysicianOverride(@Nullable Boolean physicianOverride) {
        this.physicianOverride = physicianOverride;
    }

    @Nullable
    public String getIntroducedBy() {
        return introducedBy;
    }

    public void setIntroducedBy(@Nullable String introducedBy) {
        this.introducedBy = introducedBy;
    }

    public boolean isArchived() {
        return archived;
    }

    /** For the data layer only: the relationship moves through {@link #moveTo}, {@link #archive}, {@link #restore}. */
    void setArchived(boolean archived) {
        this.archived = archived;
    }

    @Nullable
    public Instant getArchivedAt() {
        return archivedAt;
    }

    /** For the data layer only: the relationship moves through {@link #moveTo}, {@link #archive}, {@link #restore}. */
    void setArchivedAt(@Nullable Instant archivedAt) {
        this.archivedAt = archivedAt;
    }

    @Nullable
    public String getArchiveReason() {
        return archiveReason;
    }

    /** For the data layer only: the relationship moves through {@link #moveTo}, {@link #archive}, {@link #restore}. */
    void setArchiveReason(@Nullable String archiveReason) {
        this.archiveReason = archiveReason;
    }

    public int getReferralsReceived() {
        return referralsReceived;
    }

    public void setReferralsReceived(int referralsReceived) {
        this.referralsReceived = referralsReceived;
    }

    @Nullable
    public LocalDate getFirstReferralReceivedOn() {
        return firstReferralReceivedOn;
    }

    public void setFirstReferralReceivedOn(@Nullable LocalDate firstReferralReceivedOn) {
        this.firstReferralReceivedOn = firstReferralReceivedOn;
    }

    @Nullable
    public LocalDate getLastReferralReceivedOn() {
        return lastReferralReceivedOn;
    }

    public void setLastReferralReceivedOn(@Nullable LocalDate lastReferralReceivedOn) {
        this.lastReferralReceivedOn = lastReferralReceivedOn;
    }

    public int getReferralsSent() {
        return referralsSent;
    }

    public void setReferralsSent(int referralsSent) {
        this.referralsSent = referralsSent;
    }

    @Nullable
    public LocalDate getFirstReferralSentOn() {
        return firstReferralSentOn;
    }

    public void setFirstReferralSentOn(@Nullable LocalDate firstReferralSentOn) {
        this.firstReferralSentOn = firstReferralSentOn;
    }

    @Nullable
    public LocalDate getLastReferralSentOn() {
        return lastReferralSentOn;
    }

    public void setLastReferralSentOn(@Nullable LocalDate lastReferralSentOn) {
        this.lastReferralSentOn = lastReferralSentOn;
    }

    @Nullable
    public Instant getLastContactAt() {
        return lastContactAt;
    }

    public void setLastContactAt(@Nullable Instant lastContactAt) {
        this.lastContactAt = lastContactAt;
    }

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    /** Whether the gift rules treat this partner as a physician: the override, else derived. Not a column. */
    public boolean physician() {
        return PhysicianRule.effective(specialty, credentials, physicianOverride);
    }

    /** What the directory derives without the override, shown so staff see what they override. */
    public boolean physicianByCredentials() {
        return PhysicianRule.derive(specialty, credentials);
    }
}
