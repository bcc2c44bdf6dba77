package app.rapport.outreach.plugin.rules;

import app.rapport.outreach.FakeFacts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** EducateByExample on fixed facts: staff issue invitations; the rule itself never proposes one. */
class EducateByExampleRuleTest {

    @Test
    void itProposesNothingOnReferralsOrOnTheCheckAndIsTheSwitchForInvitations() {
        EducateByExampleRule rule = new EducateByExampleRule();
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("prospect", false, "EMAIL", "DOULA", null));
        assertThat(rule.eventTypes()).isEmpty();
        assertThat(rule.onEvent(facts.referral("r1", "prospect", true, facts.today()), facts)).isEmpty();
        assertThat(rule.onCheck(facts)).isEmpty();
        // the name a clinic switches off to close POST /api/v1/invitations
        assertThat(rule.name()).isEqualTo(EducateByExampleRule.NAME).isEqualTo("educate-by-example");
    }
}
