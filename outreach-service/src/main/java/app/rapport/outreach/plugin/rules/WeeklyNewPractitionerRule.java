package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachFacts;
import app.rapport.outreach.plugin.OutreachRule;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.TaskProposal;
import jakarta.inject.Singleton;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Connect with N new practitioners every week: while the week's goal is not met or covered by
 * open tasks, ask staff to reach the next prospects, by Friday. Warm leads first: prospects a
 * partner introduced, then those who serve one of the clinic's focus niches, then the rest,
 * longest known first within each group.
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
        return "Reach a weekly goal of new practitioners contacted: tasks to contact the next prospects, "
                + "introduced ones and those serving the clinic's focus niches first";
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
        for (Prospect lead : firstToReach(facts.prospects()).stream().limit(missing).toList()) {
            Partner prospect = lead.partner();
            out.add(TaskProposal.open(TaskType.NEW_CONTACT, prospect.id(), null, channelFor(prospect), due,
                    weekStart + ":" + prospect.id(), note(lead)));
        }
        return out;
    }

    /** Introduced first, then focus-niche matches, then the rest; the facts' order (longest known first) within each. */
    static List<Prospect> firstToReach(List<Prospect> prospects) {
        return prospects.stream().sorted(Comparator.comparingInt(WeeklyNewPractitionerRule::warmth)).toList();
    }

    private static int warmth(Prospect p) {
        if (p.introducedBy() != null) {
            return 0;
        }
        return p.focusNiche() != null ? 1 : 2;
    }

    private static String note(Prospect lead) {
        Partner p = lead.partner();
        String why = lead.introducedBy() != null ? "; introduced by " + lead.introducedBy().displayName()
                : lead.focusNiche() != null ? "; serves our focus on " + lead.focusNiche() : "";
        return "Introduce the clinic to " + p.displayName() + (p.organization() == null ? "" : " (" + p.organization() + ")")
                + why;
    }

    /** A first contact is a call when we have a number, else an e-mail, else a letter. */
    private static OutreachChannel channelFor(Partner p) {
        if (p.phone() != null) {
            return OutreachChannel.PHONE;
        }
        return p.email() != null ? OutreachChannel.EMAIL : OutreachChannel.LETTER;
    }
}
