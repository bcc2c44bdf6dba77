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
import app.rapport.outreach.plugin.DeliveryRequest;
import app.rapport.outreach.plugin.TaskSnapshot;
import app.rapport.outreach.plugin.channels.PhoneScriptDelivery;
import app.rapport.outreach.plugin.channels.Templates;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The domain rules with no container: business days, the gift policy, focus niches, wording. Each
 * built-in rule has its own test beside it (plugin/rules/*RuleTest).
 */
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
            null, List.of(), 3, Instant.EPOCH);

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
