package app.rapport.outreach.domain;

import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.platform.plugin.PluginRegistry;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs the clinic's enabled outreach rules on an event or on the periodic check. */
@Singleton
public class RuleRunner {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRunner.class);

    private final List<OutreachRule> rules;
    private final PluginRegistry registry;
    private final ClinicFacts facts;
    private final TaskPlanner planner;
    private final PartnerRepository partners;

    public RuleRunner(List<OutreachRule> rules, PluginRegistry registry, ClinicFacts facts, TaskPlanner planner,
                      PartnerRepository partners) {
        this.rules = rules;
        this.registry = registry;
        this.facts = facts;
        this.planner = planner;
        this.partners = partners;
    }

    /**
     * Runs inside the events' transaction (the inbox's), so the tasks commit with the "applied" mark.
     * For the events of one poll, applied in one transaction: each clinic's view (its profile, the
     * partners rules look up) and which of its rules are enabled are read once for the whole batch,
     * not once per event. What the events themselves change (referral counts, tasks) is still read
     * fresh by each rule.
     */
    public Batch batch(Instant now) {
        return new Batch(now);
    }

    /** One poll's run of the rules; see {@link #batch}. */
    public final class Batch {
        private final Instant now;
        private final Map<String, OutreachFacts> views = new HashMap<>();
        private final Map<String, List<OutreachRule>> enabled = new HashMap<>();

        private Batch(Instant now) {
            this.now = now;
        }

        public List<OutreachTask> onEvent(OutreachEvent event) {
            String clinicId = event.clinicId();
            OutreachFacts view = views.computeIfAbsent(clinicId, c -> facts.forClinic(c, now));
            List<OutreachRule> interested = enabled.computeIfAbsent(clinicId, c -> registry.enabledFor(c, rules))
                    .stream().filter(r -> r.eventTypes().contains(event.type())).toList();
            return propose(clinicId, interested, rule -> rule.onEvent(event, view), now);
        }
    }

    /**
     * The periodic check for one clinic, in its own transaction (also when {@link #checkAll} calls it:
     * Micronaut's advice is a subclass, so a call from within the bean is intercepted too).
     */
    @Transactional
    public List<OutreachTask> check(String clinicId, Instant now) {
        OutreachFacts view = facts.forClinic(clinicId, now);
        return propose(clinicId, registry.enabledFor(clinicId, rules), rule -> rule.onCheck(view), now);
    }

    /** The periodic check for every clinic outreach knows; one clinic's failure does not stop the others. */
    public int checkAll(Instant now) {
        int created = 0;
        for (String clinicId : partners.clinics()) {
            try {
                created += check(clinicId, now).size();
            } catch (RuntimeException e) {
                LOG.error("Outreach check failed for clinic {}", clinicId, e);
            }
        }
        return created;
    }

    /** Asks each of the clinic's enabled rules and plans what they propose. */
    private List<OutreachTask> propose(String clinicId, List<OutreachRule> enabledRules,
                                       Function<OutreachRule, List<TaskProposal>> ask, Instant now) {
        List<OutreachTask> created = new ArrayList<>();
        for (OutreachRule rule : enabledRules) {
            List<TaskProposal> proposals;
            try {
                proposals = ask.apply(rule);
            } catch (RuntimeException e) {
                if (isDatabaseFailure(e)) {
                    throw e; // worth retrying the whole event
                }
                // A faulty rule (e.g. a third-party plugin) must not cost the partner their thank-you.
                LOG.error("Outreach rule {} failed for clinic {}; its proposals are skipped", rule.name(), clinicId, e);
                continue;
            }
            if (proposals != null && !proposals.isEmpty()) {
                created.addAll(planner.plan(clinicId, rule.ruleName(), proposals, now));
            }
        }
        return created;
    }

    private static boolean isDatabaseFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof io.micronaut.data.exceptions.DataAccessException) {
                return true;
            }
        }
        return false;
    }
}
