package app.rapport.outreach.domain;

import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.outreach.repository.TaskRepository;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns rules' proposals into tasks: once per rule and occasion, published with the change. */
@Singleton
public class TaskPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskPlanner.class);

    /** practitioner_id and referral_id are CHAR(36): the ids are UUIDs. */
    private static final int ID_LENGTH = 36;

    private final TaskRepository tasks;
    private final PartnerRepository partners;
    private final ActivityPublisher events;

    public TaskPlanner(TaskRepository tasks, PartnerRepository partners, ActivityPublisher events) {
        this.tasks = tasks;
        this.partners = partners;
        this.events = events;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<OutreachTask> plan(String clinicId, String ruleName, List<TaskProposal> proposals, Instant now) {
        List<OutreachTask> created = new ArrayList<>();
        for (TaskProposal p : proposals) {
            String dedupeKey = ruleName + ":" + p.occasion();
            if (dedupeKey.length() > 200) {
                continue;
            }
            // The guarded insert below would truncate rather than fail: refuse what does not fit first.
            if (p.practitionerId() == null || p.practitionerId().length() > ID_LENGTH
                    || (p.referralId() != null && p.referralId().length() > ID_LENGTH)) {
                throw new IllegalArgumentException("Rule " + ruleName + " proposed a task naming an id longer than "
                        + ID_LENGTH + " characters");
            }
            // The law's other line, for every rule: a physician is never proposed a gift by a rule
            // (a gift a rule proposes is prompted by their referrals); unknown partners count as physicians.
            if (p.type() == TaskType.GESTURE
                    && partners.find(clinicId, p.practitionerId()).map(Partner::physician).orElse(true)) {
                LOG.warn("Rule {} proposed a gesture to a physician (or a partner not known yet); not created", ruleName);
                continue;
            }
            OutreachTask t = new OutreachTask();
            t.setId(UUID.randomUUID().toString());
            t.setClinicId(clinicId);
            t.setType(p.type());
            // The law's line, enforced here for every rule, third-party ones too: a gesture is only
            // ever a suggestion that a person approves; it is never created ready to give.
            t.setStatus(p.type() == TaskType.GESTURE ? TaskStatus.PROPOSED : p.status());
            t.setPractitionerId(p.practitionerId());
            t.setReferralId(p.referralId());
            t.setChannel(p.channel());
            t.setChannelProvisional(p.channelProvisional());
            t.setDueOn(p.dueOn());
            t.setRule(ruleName);
            t.setDedupeKey(dedupeKey);
            t.setNote(p.note() == null ? null : truncate(p.note(), 500));
            t.setCreatedBy("rule:" + ruleName);
            t.setCreatedAt(now);
            t.setUpdatedAt(now);
            if (tasks.insertUnlessPlanned(t.getId(), clinicId, t.getType().name(), t.getStatus().name(),
                    t.getPractitionerId(), t.getReferralId(), t.getChannel().name(), t.isChannelProvisional(),
                    t.getDueOn(), ruleName, dedupeKey, t.getNote(), t.getCreatedBy(), now, now) == 0) {
                continue; // the occasion has its task already (a replay under a new event id)
            }
            events.created(t);
            created.add(t);
        }
        return created;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
