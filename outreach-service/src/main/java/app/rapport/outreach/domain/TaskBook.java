package app.rapport.outreach.domain;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.plugin.Delivery;
import app.rapport.outreach.plugin.DeliveryChannel;
import app.rapport.outreach.plugin.DeliveryFailedException;
import app.rapport.outreach.plugin.DeliveryRequest;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.outreach.plugin.rules.EducateByExampleRule;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.ReferralFactRepository;
import app.rapport.outreach.repository.TaskRepository;
import app.rapport.outreach.repository.TemplateRepository;
import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.plugin.PluginRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What staff do with tasks: list, complete, skip, reschedule, approve, deliver, invite. */
@Singleton
public class TaskBook {

    private final TaskRepository tasks;
    private final PartnerRepository partners;
    private final TemplateRepository templates;
    private final GiftLedger ledger;
    private final ActivityPublisher events;
    private final PluginRegistry registry;
    private final List<DeliveryChannel> channels;
    private final OutreachSettings settings;
    private final ClinicProfiles clinics;
    private final ReferralFactRepository referrals;

    public TaskBook(TaskRepository tasks, PartnerRepository partners, TemplateRepository templates, GiftLedger ledger,
                    ActivityPublisher events, PluginRegistry registry, List<DeliveryChannel> channels,
                    OutreachSettings settings, ClinicProfiles clinics, ReferralFactRepository referrals) {
        this.clinics = clinics;
        this.referrals = referrals;
        this.tasks = tasks;
        this.partners = partners;
        this.templates = templates;
        this.ledger = ledger;
        this.events = events;
        this.registry = registry;
        this.channels = channels;
        this.settings = settings;
    }

    public LocalDate today(String clinicId, Instant now) {
        return clinics.today(clinicId, now);
    }

    public OutreachTask get(String clinicId, String id) {
        return tasks.findByIdAndClinicId(id, clinicId).orElseThrow(() -> DomainException.notFound("Task", id));
    }

    @Transactional
    public OutreachTask complete(String clinicId, String id, @Nullable String ifMatch, String outcome,
                                 @Nullable OutreachChannel channelUsed, Instant now) {
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id, ifMatch);
            t.complete(outcome, channelUsed == null ? t.getChannel() : channelUsed, now);
            t = tasks.update(t);
            events.completed(t);
            return t;
        });
    }

    /** Skips a task; an invitation skipped takes its offer's gift off the ledger. */
    @Transactional
    public OutreachTask skip(String clinicId, String id, @Nullable String ifMatch, String reason, Instant now) {
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id, ifMatch);
            t.skip(reason, now);
            t = tasks.update(t);
            events.skipped(t);
            if (t.getType() == TaskType.INVITATION) {
                ledger.reverseForTask(clinicId, t.getId(), Gift.Reversal.INVITATION_SKIPPED, now);
            }
            return t;
        });
    }

    /**
     * The prospect declined the invitation: the task is done (the invitation was made) and the
     * offer's gift, never given, no longer counts against their yearly allowance.
     */
    @Transactional
    public OutreachTask decline(String clinicId, String id, @Nullable String ifMatch, String reason, Instant now) {
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id, ifMatch);
            if (t.getType() != TaskType.INVITATION) {
                throw DomainException.conflict("Only an INVITATION is declined; this task is " + t.getType());
            }
            String outcome = "Declined: " + reason;
            t.complete(outcome.length() > 500 ? outcome.substring(0, 500) : outcome, t.getChannel(), now);
            t = tasks.update(t);
            events.completed(t);
            ledger.reverseForTask(clinicId, t.getId(), Gift.Reversal.INVITATION_DECLINED, now);
            return t;
        });
    }

    @Transactional
    public OutreachTask reschedule(String clinicId, String id, @Nullable String ifMatch, LocalDate dueOn,
                                   @Nullable String reason, Instant now) {
        if (dueOn.isBefore(today(clinicId, now))) {
            throw DomainException.invalidField("dueOn", "must not be in the past");
        }
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id, ifMatch);
            LocalDate previous = t.getDueOn();
            t.reschedule(dueOn, now);
            t = tasks.update(t);
            events.rescheduled(t, previous, reason, now);
            return t;
        });
    }

    /** A person approves a proposed gesture: the gift goes through the ledger, then the task is to be done. */
    @Transactional
    public Approval approve(String clinicId, String id, @Nullable String ifMatch, GiftKind kind, @Nullable String description,
                            java.math.BigDecimal amount, String currency, @Nullable LocalDate givenOn,
                            @Nullable String reason, String user, Instant now) {
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id, ifMatch);
            if (t.getType() != TaskType.GESTURE) {
                throw DomainException.conflict("Only a GESTURE task is approved with a gift; this one is " + t.getType());
            }
            t.approve(now);
            Gift gift = ledger.record(clinicId, new GiftLedger.GiftRequest(t.getPractitionerId(), kind, description,
                    amount, currency, givenOn == null ? today(clinicId, now) : givenOn, t.getId(), reason), user, now);
            t = tasks.update(t);
            // No "approved" event type exists; a reschedule to the same day carries the new status OPEN.
            events.rescheduled(t, t.getDueOn(), "Approved; the gift passed the ledger", now);
            return new Approval(t, gift);
        });
    }

    public record Approval(OutreachTask task, Gift gift) {
    }

    /**
     * EducateByExample: staff invite a prospect. The offer, a free evaluation or a gift certificate,
     * is a gift at the value staff enter, recorded in the ledger with the invitation and checked
     * against the yearly cap; it comes off the ledger if the invitation is declined or skipped.
     */
    @Transactional
    public Approval invite(String clinicId, String practitionerId, InvitationOffer offer, OutreachChannel channel,
                           @Nullable LocalDate dueOn, @Nullable java.math.BigDecimal value, @Nullable String currency,
                           String user, Instant now) {
        if (!registry.isEnabled(clinicId, EducateByExampleRule.NAME)) {
            throw DomainException.conflict("Invitations (" + EducateByExampleRule.NAME + ") are switched off for this clinic");
        }
        if (value == null) {
            throw DomainException.invalidField("value", offer.wording()
                    + " is a gift at its value: enter what it is worth, for the gift ledger");
        }
        LocalDate due = dueOn == null ? BusinessDays.add(today(clinicId, now), 2) : dueOn;
        return refusingIllegalMoves(() -> {
            partners.find(clinicId, practitionerId).orElseThrow(() -> DomainException.invalidField("practitionerId",
                    "practitioner " + practitionerId + " is not in this clinic's directory"));
            OutreachTask t = new OutreachTask();
            t.setId(UUID.randomUUID().toString());
            t.setClinicId(clinicId);
            t.setType(TaskType.INVITATION);
            t.setStatus(TaskStatus.OPEN);
            t.setPractitionerId(practitionerId);
            t.setChannel(channel);
            t.setDueOn(due);
            t.setRule("EducateByExample");
            t.setOffer(offer);
            t.setNote("Invite them to see our work: " + offer.wording());
            t.setCreatedBy(user);
            t.setCreatedAt(now);
            t.setUpdatedAt(now);
            tasks.save(t);
            Gift gift = ledger.record(clinicId, new GiftLedger.GiftRequest(practitionerId, GiftKind.SERVICE_CERTIFICATE,
                    offer.wording(), value, currency == null ? settings.giftCurrency() : currency,
                    today(clinicId, now), t.getId(), null), user, now);
            events.created(t);
            return new Approval(t, gift);
        });
    }

    /**
     * Carries a task out on its channel. The outside world (SMTP) is called outside the database
     * transaction, so the task is first claimed at the version the caller read: of two clicks on
     * Deliver, one claim wins and sends; the other finds the version moved and gets a 409 or 412,
     * never a second e-mail. A delivery that fails gives the claim back.
     */
    public Delivered deliver(String clinicId, String id, @Nullable String ifMatch, String user, Instant now) {
        OutreachTask task = get(clinicId, id);
        VersionCheck.check(ifMatch, task.getVersion(), "This task");
        requireDeliverable(task);
        // The claim and its release are single statements, each committed at once.
        if (tasks.claimDelivery(id, clinicId, task.getVersion(), now) != 1) {
            OutreachTask current = get(clinicId, id);
            requireDeliverable(current);
            throw VersionCheck.stale("This task", current.getVersion());
        }
        long claimed = task.getVersion() + 1;
        Delivery delivery;
        try {
            delivery = prepare(clinicId, task, user, now);
        } catch (RuntimeException e) {
            tasks.releaseDelivery(id, clinicId, claimed, task.getDeliveredAt());
            throw e;
        }
        return new Delivered(settleDelivery(clinicId, id, delivery, now), delivery);
    }

    /**
     * After {@link #deliver} carried a task out: a delivery that completes the task (an e-mail sent)
     * completes it, if it is still open. Its own transaction, also when {@code deliver} calls it:
     * Micronaut's advice is a subclass, so a call from within the bean is intercepted too.
     */
    @Transactional
    public OutreachTask settleDelivery(String clinicId, String id, Delivery delivery, Instant now) {
        return refusingIllegalMoves(() -> {
            OutreachTask t = lock(clinicId, id);
            if (delivery.completesTask() && t.getStatus() == TaskStatus.OPEN) {
                t.complete(delivery.summary(), t.getChannel(), now);
                t = tasks.update(t);
                events.completed(t);
            }
            return t;
        });
    }

    private static void requireDeliverable(OutreachTask task) {
        if (task.getStatus() != TaskStatus.OPEN) {
            throw DomainException.conflict("Only an OPEN task can be carried out; this one is " + task.getStatus());
        }
        if (task.getDeliveredAt() != null && task.getChannel() == OutreachChannel.EMAIL) {
            throw DomainException.conflict("This e-mail was already sent at " + task.getDeliveredAt());
        }
    }

    public record Delivered(OutreachTask task, Delivery delivery) {
    }

    /** The printable card or letter of a task on a paper channel. */
    public Delivery card(String clinicId, String id, String user, Instant now) {
        OutreachTask task = get(clinicId, id);
        if (task.getChannel() != OutreachChannel.HANDWRITTEN_NOTE && task.getChannel() != OutreachChannel.LETTER) {
            throw DomainException.conflict("A card is printed for handwritten notes and letters; this task's channel is "
                    + task.getChannel());
        }
        return prepare(clinicId, task, user, now);
    }

    private Delivery prepare(String clinicId, OutreachTask task, String user, Instant now) {
        DeliveryChannel channel = registry.enabledFor(clinicId, channels).stream()
                .filter(c -> c.channels().contains(task.getChannel())).findFirst()
                .orElseThrow(() -> DomainException.conflict("No delivery channel for " + task.getChannel()
                        + " is enabled for this clinic; carry it out by hand and complete the task"));
        Partner partner = partners.find(clinicId, task.getPractitionerId()).orElseThrow(() ->
                DomainException.conflict("The partner's details have not reached outreach yet; try again shortly"));
        MessageTemplate.Kind kind = MessageTemplate.Kind.of(task.getType());
        MessageTemplate template = templates.find(clinicId, kind).orElse(MessageTemplate.defaultFor(kind));
        ClinicProfile clinic = clinics.of(clinicId);
        Signature signature = (task.getReferralId() == null ? Optional.<Signature>empty()
                : referrals.signatureFor(clinicId, task.getReferralId(), clinic.clinicName()))
                .orElse(Signature.ofClinic(clinic.clinicName()));
        try {
            return channel.deliver(new DeliveryRequest(clinicId, TaskSnapshot.of(task), partner, template, clinic,
                    signature, now.atZone(clinics.zoneOf(clinic)).toLocalDate(), user));
        } catch (DeliveryFailedException e) {
            throw DomainException.refused(DomainException.Refusal.UPSTREAM_FAILED, "delivery-failed", "Delivery failed", e.getMessage());
        }
    }

    private OutreachTask lock(String clinicId, String id) {
        return tasks.lock(id, clinicId).orElseThrow(() -> DomainException.notFound("Task", id));
    }

    /** The task locked, refused with a 412 when the person acted on another version than the current one. */
    private OutreachTask lock(String clinicId, String id, @Nullable String ifMatch) {
        OutreachTask t = lock(clinicId, id);
        VersionCheck.check(ifMatch, t.getVersion(), "This task");
        return t;
    }

    /** A move the task's state does not allow is the person's conflict (409); the transaction rolls back either way. */
    private static <T> T refusingIllegalMoves(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (OutreachTask.IllegalTaskTransition e) {
            throw DomainException.conflict(e.getMessage());
        }
    }
}
