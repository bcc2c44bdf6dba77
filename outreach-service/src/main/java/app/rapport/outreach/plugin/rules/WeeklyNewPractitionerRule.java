package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.TaskProposal;
import jakarta.inject.Singleton;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Connect with N new practitioners every week: while the week's goal is not met or covered by
 * open tasks, ask staff to reach the next prospects, by Friday.
 */
@Singleton
public class WeeklyNewPractitionerRule implements OutreachRule {

    @Override
    public String name() {
        return "weekly-new-practitioner";
    }

    @Override
    public String ruleName() {
        return "WeeklyNewPractitioner";
    }

    @Override
    public String description() {
        return "Reach a weekly goal of new practitioners contacted: tasks to contact the next prospects";
    }

    @Override
    public List<TaskProposal> onCheck(OutreachFacts facts) {
        long missing = facts.weeklyNewContactTarget() - facts.newContactsDoneThisWeek() - facts.openNewContacts();
        if (missing <= 0) {
            return List.of();
        }
        LocalDate weekStart = BusinessDays.weekStart(facts.today());
        LocalDate friday = weekStart.with(DayOfWeek.FRIDAY);
        LocalDate due = facts.today().isAfter(friday) ? BusinessDays.onOrAfter(facts.today()) : friday;
        List<TaskProposal> out = new ArrayList<>();
        for (Partner prospect : facts.uncontactedProspects((int) missing)) {
            out.add(TaskProposal.open(TaskType.NEW_CONTACT, prospect.id(), null, channelFor(prospect), due,
                    weekStart + ":" + prospect.id(),
                    "Introduce the clinic to " + prospect.displayName()
                            + (prospect.organization() == null ? "" : " (" + prospect.organization() + ")")));
        }
        return out;
    }

    /** A first contact is a call when we have a number, else an e-mail, else a letter. */
    private static OutreachChannel channelFor(Partner p) {
        if (p.phone() != null) {
            return OutreachChannel.PHONE;
        }
        return p.email() != null ? OutreachChannel.EMAIL : OutreachChannel.LETTER;
    }
}
