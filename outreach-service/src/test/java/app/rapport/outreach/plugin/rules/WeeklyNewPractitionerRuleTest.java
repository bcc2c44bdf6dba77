package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.FakeFacts;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.TaskProposal;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** WeeklyNewPractitioner on fixed facts: reach the week's goal of new practitioners, warm leads first, by Friday. */
class WeeklyNewPractitionerRuleTest {

    private final WeeklyNewPractitionerRule rule = new WeeklyNewPractitionerRule();

    @Test
    void theWeeklyGoalProposesIntroducedProspectsFirstThenFocusNicheMatchesThenTheRest() {
        Partner oldest = FakeFacts.partner("oldest", false, "EMAIL", "MASSAGE_THERAPIST", "Eastside Massage");
        Partner niche = FakeFacts.partner("niche", false, "EMAIL", "CHIROPRACTOR", "Northwest Sports Rehab");
        Partner introduced = FakeFacts.partner("introduced", false, "EMAIL", "DOULA", null);
        Partner introducer = FakeFacts.partner("okafor", true, "EMAIL", "OB_GYN", null);
        FakeFacts facts = new FakeFacts();
        facts.weeklyTarget = 3;
        // the facts list them longest known first, as the repository does
        facts.prospects.addAll(List.of(new Prospect(oldest, null, null), new Prospect(niche, null, "Sports injuries"),
                new Prospect(introduced, introducer, null)));
        List<TaskProposal> proposals = rule.onCheck(facts);
        assertThat(proposals).extracting(TaskProposal::practitionerId).containsExactly("introduced", "niche", "oldest");
        assertThat(proposals.get(0).note()).contains("introduced by Dr. Sam Lee-okafor");
        assertThat(proposals.get(1).note()).contains("serves our focus on Sports injuries");
        assertThat(proposals.get(2).note()).isEqualTo("Introduce the clinic to Sam Lee-oldest (Eastside Massage)");

        facts.weeklyTarget = 1;
        assertThat(rule.onCheck(facts)).extracting(TaskProposal::practitionerId).containsExactly("introduced");
    }

    @Test
    void onlyWhatTheWeekStillMissesAfterDoneAndOpenContactsIsProposedDueFridayOnceAWeek() {
        FakeFacts facts = new FakeFacts();
        facts.prospects.addAll(List.of(prospect("a", "+12065550101", null), prospect("b", null, "b@example.com"),
                prospect("c", null, null), prospect("d", null, null)));
        facts.weeklyTarget = 4;
        facts.newContactsDone = 1;
        facts.openNewContacts = 1;
        List<TaskProposal> proposals = rule.onCheck(facts);
        assertThat(proposals).extracting(TaskProposal::practitionerId).containsExactly("a", "b");
        assertThat(proposals).allSatisfy(p -> {
            assertThat(p.type()).isEqualTo(TaskType.NEW_CONTACT);
            assertThat(p.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(p.dueOn()).isEqualTo("2026-03-13"); // the Friday of the week of Tuesday the 10th
            assertThat(p.occasion()).isEqualTo("2026-03-09:" + p.practitionerId());
        });
        // a call when there is a number, else an e-mail, else a letter
        assertThat(proposals).extracting(TaskProposal::channel).containsExactly(OutreachChannel.PHONE, OutreachChannel.EMAIL);
        facts.weeklyTarget = 5;
        assertThat(rule.onCheck(facts).get(2).channel()).isEqualTo(OutreachChannel.LETTER);

        facts.newContactsDone = 3;
        assertThat(rule.onCheck(facts)).hasSize(1);
        facts.openNewContacts = 2;
        assertThat(rule.onCheck(facts)).as("goal covered by done and open contacts").isEmpty();
    }

    @Test
    void pastFridayTheContactIsDueTheNextBusinessDayInTheSameWeeksOccasion() {
        FakeFacts facts = new FakeFacts().at(Instant.parse("2026-03-14T17:00:00Z")); // Saturday, 10:00 at the clinic
        facts.prospects.add(prospect("a", null, null));
        TaskProposal p = rule.onCheck(facts).get(0);
        assertThat(p.dueOn()).isEqualTo("2026-03-16");
        assertThat(p.occasion()).isEqualTo("2026-03-09:a");
    }

    private static Prospect prospect(String id, String phone, String email) {
        return new Prospect(new Partner(new Partner.Key("clinic", id), "Pat", "Kim-" + id, null, null, "DOULA", null, email,
                phone, null, "EMAIL", "PROSPECT", false, false, 1, Instant.EPOCH, Instant.EPOCH), null, null);
    }
}
