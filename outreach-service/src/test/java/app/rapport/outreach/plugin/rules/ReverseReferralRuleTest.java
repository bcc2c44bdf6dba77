package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.FakeFacts;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.TaskProposal;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** ReverseReferral on fixed facts: after the clinic has sent a partner two referrals, ask to meet, once. */
class ReverseReferralRuleTest {

    private final ReverseReferralRule rule = new ReverseReferralRule();

    @Test
    void theSecondReferralSentProposesAnIntroductionMeetingWhoseOccasionIsThePartner() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("vance", false, "EMAIL", "CHIROPRACTOR", null));
        LocalDate monday = LocalDate.of(2026, 3, 2);
        assertThat(rule.onEvent(facts.referral("s1", "vance", false, monday), facts)).isEmpty();

        List<TaskProposal> proposals = rule.onEvent(facts.referral("s2", "vance", false, monday.plusDays(1)), facts);
        assertThat(proposals).hasSize(1);
        TaskProposal meeting = proposals.get(0);
        assertThat(meeting.type()).isEqualTo(TaskType.INTRO_MEETING);
        assertThat(meeting.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(meeting.channel()).isEqualTo(OutreachChannel.IN_PERSON);
        assertThat(meeting.dueOn()).isEqualTo("2026-03-10"); // five business days after Tuesday the 3rd
        assertThat(meeting.occasion()).as("one meeting per partner").isEqualTo("vance");
        assertThat(meeting.note()).isEqualTo("We have referred 2 patients to Sam Lee-vance: ask to meet and introduce the clinic");

        // a later referral proposes the same occasion again, which the service stores only once
        assertThat(rule.onEvent(facts.referral("s3", "vance", false, monday.plusDays(2)), facts))
                .extracting(TaskProposal::occasion).containsExactly("vance");
    }

    @Test
    void aPartnerNotKnownYetIsCalledThePartnerAndReferralsReceivedDoNotCount() {
        FakeFacts facts = new FakeFacts();
        facts.received.put("new", new java.util.ArrayList<>(List.of(facts.today().minusDays(5), facts.today().minusDays(4))));
        assertThat(rule.onEvent(facts.referral("r3", "new", true, facts.today()), facts)).isEmpty();
        assertThat(rule.onEvent(facts.referral("s1", "new", false, facts.today()), facts)).isEmpty();
        assertThat(rule.onEvent(facts.referral("s2", "new", false, facts.today()), facts).get(0).note())
                .isEqualTo("We have referred 2 patients to the partner: ask to meet and introduce the clinic");
    }
}
