package app.rapport.outreach;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.ClinicProfile;
import app.rapport.outreach.domain.FocusNiches;
import app.rapport.outreach.domain.GiftKind;
import app.rapport.outreach.domain.GiftPolicy;
import app.rapport.outreach.domain.MessageTemplate;
import app.rapport.outreach.domain.OutreachChannel;
import app.rapport.outreach.domain.Partner;
import app.rapport.outreach.domain.Signature;
import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.outreach.plugin.OutreachEvent;
import app.rapport.outreach.plugin.Prospect;
import app.rapport.outreach.plugin.ReferralFact;
import app.rapport.outreach.plugin.TaskProposal;
import app.rapport.outreach.plugin.DeliveryRequest;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.outreach.plugin.channels.PhoneScriptDelivery;
import app.rapport.outreach.plugin.channels.Templates;
import app.rapport.outreach.plugin.rules.RepeatReferrerRule;
import app.rapport.outreach.plugin.rules.WeeklyNewPractitionerRule;
import app.rapport.platform.events.EventEnvelope;
import app.rapport.platform.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain rules with no container: business days, the gift policy, rules on facts held in memory, wording. */
class OutreachRulesTest {

    @Test
    void aThankYouIsDueTwoBusinessDaysLaterSkippingTheWeekend() {
        assertThat(BusinessDays.add(LocalDate.parse("2025-03-03"), 2)).isEqualTo("2025-03-05"); // Mon → Wed
        assertThat(BusinessDays.add(LocalDate.parse("2025-03-06"), 2)).isEqualTo("2025-03-10"); // Thu → Mon
        assertThat(BusinessDays.add(LocalDate.parse("2025-03-07"), 2)).isEqualTo("2025-03-11"); // Fri → Tue
        assertThat(BusinessDays.add(LocalDate.parse("2025-03-08"), 2)).isEqualTo("2025-03-11"); // Sat → Tue
        assertThat(BusinessDays.weekStart(LocalDate.parse("2025-03-09"))).isEqualTo("2025-03-03"); // Sun → Mon
    }

    @Test
    void cashAndGiftCardsAreRefusedForPhysiciansWhateverTheAmount() {
        var refusal = GiftPolicy.check(true, GiftKind.GIFT_CARD, new BigDecimal("10.00"), "USD",
                BigDecimal.ZERO, new BigDecimal("535.00"), "USD");
        assertThat(refusal).get().extracting(GiftPolicy.Refusal::reason).isEqualTo(GiftPolicy.Reason.CASH_EQUIVALENT);
        assertThat(refusal.get().field()).isEqualTo("kind");
        assertThat(GiftPolicy.check(true, GiftKind.CASH, new BigDecimal("1.00"), "USD", BigDecimal.ZERO,
                new BigDecimal("535.00"), "USD")).isPresent();
    }

    @Test
    void aGiftMayUseTheRestOfTheYearsCapButNotACentMore() {
        BigDecimal cap = new BigDecimal("535.00");
        BigDecimal given = new BigDecimal("486.40");
        assertThat(GiftPolicy.check(true, GiftKind.FLOWERS, new BigDecimal("48.60"), "USD", given, cap, "USD")).isEmpty();
        var refusal = GiftPolicy.check(true, GiftKind.FLOWERS, new BigDecimal("48.61"), "USD", given, cap, "USD");
        assertThat(refusal).get().extracting(GiftPolicy.Refusal::reason).isEqualTo(GiftPolicy.Reason.OVER_ANNUAL_CAP);
        assertThat(refusal.get().message()).contains("48.60 USD remain");
        assertThat(GiftPolicy.remaining(new BigDecimal("600.00"), cap)).isEqualByComparingTo("0.00");
    }

    // ------------------------------------------------------------------ lawful thanks

    @Test
    void aPhysicianWhoRefersAgainAndAgainGetsAPersonalThankYouOnTheirKindOfChannelAndNeverAGesture() {
        Map<String, OutreachChannel> byPreference = Map.of("PHONE", OutreachChannel.PHONE,
                "HANDWRITTEN_NOTE", OutreachChannel.LETTER, "EMAIL", OutreachChannel.LETTER);
        byPreference.forEach((preference, expected) -> {
            FakeFacts facts = new FakeFacts().with(FakeFacts.partner("dr", true, preference, "OB_GYN", null));
            List<TaskProposal> proposals = thirdReferral(facts, "dr");
            assertThat(proposals).as(preference).hasSize(1);
            TaskProposal thanks = proposals.get(0);
            assertThat(thanks.type()).isEqualTo(TaskType.PERSONAL_THANKS);
            assertThat(thanks.status()).isEqualTo(TaskStatus.OPEN);
            assertThat(thanks.channel()).as(preference).isEqualTo(expected);
            assertThat(thanks.note()).contains("personal thank-you").contains("never a gift");
            // nothing is sized by how many referrals they sent
            assertThat(thanks.note()).doesNotContainPattern("[0-9]").doesNotContain("referrals in");
        });
        // a partner whose snapshot has not arrived is treated as a physician: no gift proposed
        assertThat(thirdReferral(new FakeFacts(), "unknown")).extracting(TaskProposal::type)
                .containsExactly(TaskType.PERSONAL_THANKS);
    }

    @Test
    void anotherRepeatReferrerGetsAProposedGestureShowingTheRemainingAllowanceNotTheirReferralCount() {
        FakeFacts facts = new FakeFacts().with(FakeFacts.partner("doula", false, "EMAIL", "DOULA", null));
        facts.remaining.put("doula", new BigDecimal("448.60"));
        List<TaskProposal> proposals = thirdReferral(facts, "doula");
        assertThat(proposals).hasSize(1);
        TaskProposal gesture = proposals.get(0);
        assertThat(gesture.type()).isEqualTo(TaskType.GESTURE);
        assertThat(gesture.status()).isEqualTo(TaskStatus.PROPOSED);
        assertThat(gesture.note()).contains("448.60 USD of this year's gift allowance remain")
                .contains("approves").doesNotContain("3 referrals").doesNotContain("referrals in");
    }

    private static List<TaskProposal> thirdReferral(FakeFacts facts, String partnerId) {
        LocalDate day = facts.today;
        facts.received.put(partnerId, List.of(day.minusDays(20), day.minusDays(10), day));
        var event = new OutreachEvent(new EventEnvelope("e1", EventTypes.REFERRAL_RECEIVED, "/test", Instant.now(),
                "r3", "clinic", "{}"), new ReferralFact("r3", "RECEIVED", "REFERRAL", partnerId, day));
        return new RepeatReferrerRule().onEvent(event, facts);
    }

    // ------------------------------------------------------------------ weekly goal

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
        List<TaskProposal> proposals = new WeeklyNewPractitionerRule().onCheck(facts);
        assertThat(proposals).extracting(TaskProposal::practitionerId).containsExactly("introduced", "niche", "oldest");
        assertThat(proposals.get(0).note()).contains("introduced by Dr. Sam Lee-okafor");
        assertThat(proposals.get(1).note()).contains("serves our focus on Sports injuries");

        facts.weeklyTarget = 1;
        assertThat(new WeeklyNewPractitionerRule().onCheck(facts)).extracting(TaskProposal::practitionerId)
                .containsExactly("introduced");
    }

    @Test
    void aFocusNicheMatchesAWordOfTheSpecialtyOrOrganisationWhateverTheCaseButNotAGenericWord() {
        List<String> niches = List.of("Prenatal care", "Sports injuries", "Women's health");
        assertThat(FocusNiches.matching(niches, FakeFacts.partner("a", false, "EMAIL", "CHIROPRACTOR", "NW SPORT Clinic")))
                .contains("Sports injuries");
        assertThat(FocusNiches.matching(niches, FakeFacts.partner("b", true, "EMAIL", "OB_GYN", "Lakeview Women's Health")))
                .contains("Women's health");
        assertThat(FocusNiches.matching(niches, FakeFacts.partner("c", false, "EMAIL", "DOULA", "Prenatal Partners")))
                .contains("Prenatal care");
        // "Care" and "Health" say nothing about a niche: a family practice called "Family Care Health" serves none
        assertThat(FocusNiches.matching(niches, FakeFacts.partner("d", true, "EMAIL", "FAMILY_PRACTICE", "Family Care Health")))
                .isEmpty();
        assertThat(FocusNiches.matching(List.of("Obstetrics"), FakeFacts.partner("e", true, "EMAIL", "OB_GYN", null))).isEmpty();
        assertThat(FocusNiches.matching(List.of("OB/GYN patients"), FakeFacts.partner("f", true, "EMAIL", "OB_GYN", null)))
                .contains("OB/GYN patients");
    }

    // ------------------------------------------------------------------ wording

    static final ClinicProfile HARBOR = new ClinicProfile("harbor", "Harbor Integrative Health",
            ZoneId.of("America/Los_Angeles"), "Downtown", "1201 Third Avenue\nSeattle, WA 98101", "+12065550100", null,
            null, List.of(), 3);

    @Test
    void eachTaskTypeHasItsOwnDefaultWordingThatNamesTheClinic() {
        Map<TaskType, String> telling = Map.of(
                TaskType.THANK_YOU, "Thank you for trusting us with the care of your patient at Harbor Integrative Health",
                TaskType.PERSONAL_THANKS, "thank you personally for the trust you place in us at Harbor Integrative Health",
                TaskType.CHECK_IN, "we at Harbor Integrative Health wanted to check in",
                TaskType.NEW_CONTACT, "We are Harbor Integrative Health",
                TaskType.INTRO_MEETING, "introduce Harbor Integrative Health",
                TaskType.INVITATION, "how we work with patients like yours at Harbor Integrative Health");
        for (TaskType type : TaskType.values()) {
            MessageTemplate.Kind kind = MessageTemplate.Kind.of(type);
            MessageTemplate message = Templates.preview(MessageTemplate.defaultFor(kind), HARBOR);
            assertThat(message.subject()).as(type.name()).contains("Harbor Integrative Health");
            assertThat(message.body()).as(type.name()).startsWith("Dear Dr. Okafor,")
                    .contains(telling.getOrDefault(type, telling.get(TaskType.THANK_YOU)))
                    .endsWith("Your colleagues at Harbor Integrative Health").doesNotContain("{{");
        }
        assertThat(MessageTemplate.Kind.of(TaskType.GESTURE)).isEqualTo(MessageTemplate.Kind.THANK_YOU);
        // the personal thank-you never offers anything
        assertThat(MessageTemplate.defaultFor(MessageTemplate.Kind.PERSONAL_THANKS).body().toLowerCase())
                .doesNotContain("gift").doesNotContain("lunch").doesNotContain("offer");
        // before the clinic's profile arrives the wording still reads
        MessageTemplate early = Templates.preview(MessageTemplate.defaultFor(MessageTemplate.Kind.CHECK_IN),
                ClinicProfile.unknown("new-clinic"));
        assertThat(early.subject()).isEqualTo("Checking in from the clinic");
        assertThat(early.body()).endsWith("Your colleagues at the clinic");
    }

    @Test
    void aLetterIsSignedByTheTreatingClinicianWithCredentialsElseByTheClinicEvenWhenTheWordingLeavesItOut() {
        assertThat(new Signature("Jordan Reyes", "DC", "Harbor Integrative Health").block())
                .isEqualTo("Jordan Reyes, DC\nHarbor Integrative Health");
        assertThat(new Signature("Jordan Reyes", null, "Harbor Integrative Health").block())
                .isEqualTo("Jordan Reyes\nHarbor Integrative Health");
        assertThat(Signature.ofClinic("Harbor Integrative Health").block()).isEqualTo("Your colleagues at Harbor Integrative Health");
        MessageTemplate own = new MessageTemplate(MessageTemplate.Kind.THANK_YOU, "Thanks", "Dear {{partnerName}},\n\nThank you.", true);
        assertThat(Templates.preview(own, HARBOR).body()).isEqualTo(
                "Dear Dr. Okafor,\n\nThank you.\n\nYour colleagues at Harbor Integrative Health");
        assertThat(HARBOR.letterhead()).isEqualTo("Harbor Integrative Health — Downtown\n1201 Third Avenue\nSeattle, WA 98101\n"
                + "Phone +12065550100");
        assertThat(ClinicProfile.unknown("x").letterhead()).isEmpty();
    }

    @Test
    void thePersonalThankYouCallIsTheCliniciansOwnThanksInTheClinicsNameAndOffersNothing() {
        TaskSnapshot task = new TaskSnapshot("t1", TaskType.PERSONAL_THANKS, TaskStatus.OPEN, "dr", "r1",
                OutreachChannel.PHONE, LocalDate.of(2026, 3, 17), "RepeatReferrer", null, null, Instant.EPOCH, null);
        Partner physician = FakeFacts.partner("dr", true, "PHONE", "OB_GYN", null);
        String script = new PhoneScriptDelivery().deliver(new DeliveryRequest("harbor", task, physician,
                MessageTemplate.defaultFor(MessageTemplate.Kind.PERSONAL_THANKS), HARBOR,
                new Signature("Jordan Reyes", "DC", HARBOR.clinicName()), LocalDate.of(2026, 3, 17), "Jordan Reyes")).script();
        assertThat(script).contains("calling from Harbor Integrative Health").contains("thank you personally");
        assertThat(script.toLowerCase()).doesNotContain("lunch").doesNotContain("gift").doesNotContain("invite");
    }
}
