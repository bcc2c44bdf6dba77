package app.rapport.outreach.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Version;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One piece of outreach for one partner: thank them, propose a gesture, meet, check in, reach a
 * prospect, invite. Its status moves PROPOSED → OPEN → DONE | SKIPPED; a final task never moves again.
 */
@MappedEntity("outreach_task")
public class OutreachTask {

    @Id
    private String id;
    private String clinicId;
    private TaskType type;
    private TaskStatus status;
    private String practitionerId;
    @Nullable
    private String referralId;
    private OutreachChannel channel;
    private boolean channelProvisional;
    private LocalDate dueOn;
    @Nullable
    private String rule;
    @Nullable
    private String dedupeKey;
    @Nullable
    private String note;
    @Nullable
    private InvitationOffer offer;
    @Nullable
    private String outcome;
    @Nullable
    private String skipReason;
    @Nullable
    private Instant deliveredAt;
    @Nullable
    private Instant completedAt;
    private String createdBy;
    private Instant createdAt;
    private Instant updatedAt;
    /** Counts every change; {@code update()} writes only where the row still has it (optimistic lock). */
    @Version
    private long version;

    public OutreachTask() {
    }

    /** Completes the task with what was done; the channel is the one actually used. */
    public void complete(String outcome, OutreachChannel channelUsed, Instant at) {
        requireActionable("complete");
        if (status == TaskStatus.PROPOSED) {
            throw new IllegalTaskTransition("A proposed task must be approved or skipped before it is done");
        }
        this.status = TaskStatus.DONE;
        this.outcome = outcome;
        this.channel = channelUsed;
        this.channelProvisional = false;
        this.completedAt = at;
        this.updatedAt = at;
    }

    public void skip(String reason, Instant at) {
        requireActionable("skip");
        this.status = TaskStatus.SKIPPED;
        this.skipReason = reason;
        this.completedAt = at;
        this.updatedAt = at;
    }

    public void reschedule(LocalDate newDueOn, Instant at) {
        requireActionable("reschedule");
        this.dueOn = newDueOn;
        this.updatedAt = at;
    }

    /** A person approved a proposed task (a gesture): it is now to be done. */
    public void approve(Instant at) {
        if (status != TaskStatus.PROPOSED) {
            throw new IllegalTaskTransition("Only a PROPOSED task can be approved; this one is " + status);
        }
        this.status = TaskStatus.OPEN;
        this.updatedAt = at;
    }

    private void requireActionable(String action) {
        if (status.isFinal()) {
            throw new IllegalTaskTransition("Cannot " + action + " a task that is already " + status);
        }
    }

    /** A move the task's state machine does not allow: answered with 409. */
    public static class IllegalTaskTransition extends RuntimeException {
        public IllegalTaskTransition(String message) {
            super(message);
        }
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getClinicId() { return clinicId; }
    public void setClinicId(String clinicId) { this.clinicId = clinicId; }
    public TaskType getType() { return type; }
    public void setType(TaskType type) { this.type = type; }
    public TaskStatus getStatus() { return status; }
    public void setStatus(TaskStatus status) { this.status = status; }
    public String getPractitionerId() { return practitionerId; }
    public void setPractitionerId(String practitionerId) { this.practitionerId = practitionerId; }
    public String getReferralId() { return referralId; }
    public void setReferralId(String referralId) { this.referralId = referralId; }
    public OutreachChannel getChannel() { return channel; }
    public void setChannel(OutreachChannel channel) { this.channel = channel; }
    public boolean isChannelProvisional() { return channelProvisional; }
    public void setChannelProvisional(boolean channelProvisional) { this.channelProvisional = channelProvisional; }
    public LocalDate getDueOn() { return dueOn; }
    public void setDueOn(LocalDate dueOn) { this.dueOn = dueOn; }
    public String getRule() { return rule; }
    public void setRule(String rule) { this.rule = rule; }
    public String getDedupeKey() { return dedupeKey; }
    public void setDedupeKey(String dedupeKey) { this.dedupeKey = dedupeKey; }
    public String getNote() { return note; }
    public void setNote(String note) { this.note = note; }
    public InvitationOffer getOffer() { return offer; }
    public void setOffer(InvitationOffer offer) { this.offer = offer; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getSkipReason() { return skipReason; }
    public void setSkipReason(String skipReason) { this.skipReason = skipReason; }
    public Instant getDeliveredAt() { return deliveredAt; }
    public void setDeliveredAt(Instant deliveredAt) { this.deliveredAt = deliveredAt; }
    public Instant getCompletedAt() { return completedAt; }
    public void setCompletedAt(Instant completedAt) { this.completedAt = completedAt; }
    public String getCreatedBy() { return createdBy; }
    public void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(Instant updatedAt) { this.updatedAt = updatedAt; }
    public long getVersion() { return version; }
    public void setVersion(long version) { this.version = version; }
}
