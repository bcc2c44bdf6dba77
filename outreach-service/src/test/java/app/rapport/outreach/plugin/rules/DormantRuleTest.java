package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.FakeFacts;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.TaskProposal;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dormant on fixed facts: a partner is quiet when silent for more than twice their own usual gap
 * and at least 30 days; one check-in per silence.
 */
class DormantRuleTest {

    private final DormantRule rule = new DormantRule();

    @Test
    void aPartnerWhoRefersEveryTenDaysIsQuietAfterFortyButOneWhoRefersEverySixtyIsNot() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("weekly", false, "PHONE", "DOULA", null))
                .with(FakeFacts.partner("occasional", false, "EMAIL", "DOULA", null));
        LocalDate today = facts.today();
        referred(facts, "weekly", today.minusDays(60), today.minusDays(50), today.minusDays(40));
        referred(facts, "occasional", today.minusDays(160), today.minusDays(100), today.minusDays(40));

        List<TaskProposal> proposals = rule.onCheck(facts);
        assertThat(proposals).hasSize(1);
        TaskProposal checkIn = proposals.get(0);
        assertThat(checkIn.practitionerId()).isEqualTo("weekly");
        assertThat(checkIn.type()).isEqualTo(TaskType.CHECK_IN);
        assertThat(checkIn.channel()).isEqualTo(OutreachChannel.PHONE);
        assertThat(checkIn.dueOn()).isEqualTo("2026-03-12"); // two business days after Tuesday
        assertThat(checkIn.occasion()).as("one check-in per silence").isEqualTo("weekly:" + today.minusDays(40));
        assertThat(checkIn.note()).isEqualTo("No referral for 40 days; usually one every 10 days");
    }

    @Test
    void shortSilencesArchivedPartnersAndPartnersWithFewerThanThreeReferralsAreLeftAlone() {
        FakeFacts facts = new FakeFacts();
        LocalDate today = facts.today();
        // twice their gap of 5 days, but not yet the 30 days at least
        referred(facts, "brisk", today.minusDays(39), today.minusDays(34), today.minusDays(29));
        referred(facts, "twice", today.minusDays(300), today.minusDays(200));
        Partner archived = FakeFacts.partner("archived", false, "EMAIL", "DOULA", null);
        facts.with(new Partner(archived.key(), archived.firstName(), archived.lastName(), null, null,
                archived.specialty(), null, null, null, null, "EMAIL", "ACTIVE", false, true, 2, archived.firstSeenAt(),
                archived.updatedAt()));
        referred(facts, "archived", today.minusDays(300), today.minusDays(290), today.minusDays(280));
        assertThat(rule.onCheck(facts)).isEmpty();
    }

    @Test
    void aPartnerNotKnownYetIsCalledAndTheUsualGapIsTheMedian() {
        FakeFacts facts = new FakeFacts();
        LocalDate today = facts.today();
        referred(facts, "unknown", today.minusDays(100), today.minusDays(90), today.minusDays(80), today.minusDays(50));
        // gaps 10, 10, 30: the median is 10, so 50 days of silence is quiet
        assertThat(rule.onCheck(facts)).extracting(TaskProposal::channel).containsExactly(OutreachChannel.PHONE);
        assertThat(DormantRule.medianGapDays(List.of(today, today.plusDays(4), today.plusDays(14)))).isEqualTo(7.0);
    }

    private static void referred(FakeFacts facts, String partnerId, LocalDate... days) {
        facts.received.put(partnerId, new ArrayList<>(List.of(days)));
    }
}
