package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.FakeFacts;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.outreach.plugin.TaskSnapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RepeatReferrer on fixed facts: three referrals within 90 days earn a personal thank-you (a
 * physician, or a partner not known yet) or a proposed gesture (anyone else), once per window.
 */
class RepeatReferrerRuleTest {

    private final RepeatReferrerRule rule = new RepeatReferrerRule();

    @Test
    void aPhysicianWhoRefersAgainAndAgainGetsAPersonalThankYouOnTheirKindOfChannelAndNeverAGesture() {
        Map<String, OutreachChannel> byPreference = Map.of("PHONE", OutreachChannel.PHONE,
                "HANDWRITTEN_NOTE", OutreachChannel.LETTER, "EMAIL", OutreachChannel.LETTER);
        byPreference.forEach((preference, expected) -> {
            FakeFacts facts = new FakeFacts().with(FakeFacts.partner("dr", true, preference, "OB_GYN", null));
            List<TaskProposal> proposals = thirdReferral(facts, "dr", 20);
            assertThat(proposals).as(preference).hasSize(1);
            TaskProposal thanks = proposals.get(0);
            assertThat(thanks.type()).isEqualTo(TaskType.PERSONAL_THANKS);
            assertThat(thanks.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(thanks.channel()).as(preference).isEqualTo(expected);
            assertThat(thanks.dueOn()).isEqualTo("2026-03-17"); // five business days after Tuesday
            assertThat(thanks.note()).contains("personal thank-you").contains("never a gift");
            // nothing is sized by how many referrals they sent
            assertThat(thanks.note()).doesNotContainPattern("[0-9]").doesNotContain("referrals in");
        });
        // a partner whose snapshot has not arrived is treated as a physician: no gift proposed
        assertThat(thirdReferral(new FakeFacts(), "unknown", 20)).extracting(TaskProposal::type)
                .containsExactly(TaskType.PERSONAL_THANKS);
    }

    @Test
    void anotherRepeatReferrerGetsAProposedGestureShowingTheRemainingAllowanceNotTheirReferralCount() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("doula", false, "EMAIL", "DOULA", null));
        facts.remaining.put("doula", new BigDecimal("448.60"));
        List<TaskProposal> proposals = thirdReferral(facts, "doula", 20);
        assertThat(proposals).hasSize(1);
        TaskProposal gesture = proposals.get(0);
        assertThat(gesture.type()).isEqualTo(TaskType.GESTURE);
        assertThat(gesture.status()).isEqualTo(TaskStatus.PROPOSED);
        assertThat(gesture.channel()).isEqualTo(OutreachChannel.IN_PERSON);
        assertThat(gesture.note()).contains("448.60 USD of this year's gift allowance remain")
                .contains("approves").doesNotContain("3 referrals").doesNotContain("referrals in");
    }

    @Test
    void onlyReferralsWithinTheWindowCountTheFirstDayOfItIncluded() {
        // 89 days back is the window's first day (90 days, today included)
        assertThat(thirdReferral(new FakeFacts(), "dr", 89)).hasSize(1);
        assertThat(thirdReferral(new FakeFacts(), "dr", 90)).isEmpty();
        FakeFacts twice = new FakeFacts();
        twice.received.put("dr", new java.util.ArrayList<>(List.of(twice.today().minusDays(3))));
        assertThat(rule.onEvent(twice.referral("r2", "dr", true, twice.today()), twice)).isEmpty();
    }

    @Test
    void oneThankYouPerWindowHoweverManyReferralsFollow() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("dr", true, "PHONE", "OB_GYN", null));
        facts.tasks.add(personalThanks("dr", facts, Duration.ofDays(30)));
        assertThat(thirdReferral(facts, "dr", 20)).as("thanked 30 days ago").isEmpty();

        FakeFacts later = new FakeFacts().with(FakeFacts.partner("dr", true, "PHONE", "OB_GYN", null));
        later.tasks.add(personalThanks("dr", later, Duration.ofDays(91)));
        assertThat(thirdReferral(later, "dr", 20)).as("thanked 91 days ago").hasSize(1);
    }

    @Test
    void aReferralTheClinicSentProposesNothing() {
        FakeFacts facts = new FakeFacts();
        facts.sent.put("dr", new java.util.ArrayList<>(List.of(facts.today().minusDays(2), facts.today().minusDays(1))));
        assertThat(rule.onEvent(facts.referral("s3", "dr", false, facts.today()), facts)).isEmpty();
    }

    /** Three referrals, the first {@code firstDaysAgo} days before today's. */
    private List<TaskProposal> thirdReferral(FakeFacts facts, String partnerId, int firstDaysAgo) {
        LocalDate day = facts.today();
        facts.received.put(partnerId, new java.util.ArrayList<>(List.of(day.minusDays(firstDaysAgo), day.minusDays(1))));
        return rule.onEvent(facts.referral("r3", partnerId, true, day), facts);
    }

    private static TaskSnapshot personalThanks(String partnerId, FakeFacts facts, Duration ago) {
        return new TaskSnapshot("t-" + ago.toDays(), TaskType.PERSONAL_THANKS, TaskStatus.DONE, partnerId, "r0",
                OutreachChannel.PHONE, facts.today(), "RepeatReferrer", null, null, facts.now().minus(ago), null);
    }
}
