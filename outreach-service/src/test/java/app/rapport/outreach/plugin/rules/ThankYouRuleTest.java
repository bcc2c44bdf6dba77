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

/** ThankYou on fixed facts: every referral received earns a thank-you within two business days. */
class ThankYouRuleTest {

    private final ThankYouRule rule = new ThankYouRule();

    @Test
    void aKnownPartnerIsThankedOnTheirPreferredChannelTwoBusinessDaysAfterTheReferral() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("okafor", true, "EMAIL", "OB_GYN", null));
        LocalDate friday = LocalDate.of(2026, 3, 6);
        List<TaskProposal> proposals = rule.onEvent(facts.referral("r1", "okafor", true, friday), facts);
        assertThat(proposals).hasSize(1);
        TaskProposal thanks = proposals.get(0);
        assertThat(thanks.type()).isEqualTo(TaskType.THANK_YOU);
        assertThat(thanks.status()).isEqualTo(TaskStatus.OPEN);
        assertThat(thanks.channel()).isEqualTo(OutreachChannel.EMAIL);
        assertThat(thanks.channelProvisional()).isFalse();
        assertThat(thanks.dueOn()).isEqualTo("2026-03-10"); // Friday → Tuesday, over the weekend
        assertThat(thanks.referralId()).isEqualTo("r1");
        assertThat(thanks.occasion()).as("one thank-you per referral").isEqualTo("r1");
        assertThat(thanks.note()).isEqualTo("Thank Dr. Sam Lee-okafor for the referral");
    }

    @Test
    void aPartnerNotKnownYetGetsTheClinicsDefaultChannelMarkedProvisional() {
        FakeFacts facts = new FakeFacts();
        TaskProposal thanks = rule.onEvent(facts.referral("r2", "stranger", true, facts.today()), facts).get(0);
        assertThat(thanks.channel()).isEqualTo(OutreachChannel.HANDWRITTEN_NOTE);
        assertThat(thanks.channelProvisional()).isTrue();
        assertThat(thanks.note()).isEqualTo("Thank the referring partner for the referral");
    }

    @Test
    void aReferralTheClinicSentIsNotThanked() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("okafor", true, "EMAIL", "OB_GYN", null));
        assertThat(rule.onEvent(facts.referral("r3", "okafor", false, facts.today()), facts)).isEmpty();
    }
}
