package app.rapport.outreach;

import app.rapport.outreach.domain.BusinessDays;
import app.rapport.outreach.domain.GiftKind;
import app.rapport.outreach.domain.GiftPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain rules with no container: business days, the gift policy. */
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
}
