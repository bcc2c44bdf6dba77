package app.rapport.reports;

import app.rapport.reports.domain.Consent;
import app.rapport.reports.domain.ConsentObtainedVia;
import app.rapport.reports.domain.ReferralAnalytics;
import app.rapport.reports.domain.ReportCadence;
import app.rapport.reports.domain.ReportType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The domain rules with no container: consent validity, cadence, business days, CSV cells. */
class ReportRulesTest {

    private static final LocalDate MAR_1 = LocalDate.of(2025, 3, 1);

    private static Consent consent(String scope, LocalDate from, LocalDate to, Instant revokedAt) {
        return new Consent("c", "clinic", "p", "dr", scope, from, to, ConsentObtainedVia.WRITTEN_FORM, "u",
                Instant.now(), revokedAt, null, null, 0);
    }

    @Test
    void aConsentPermitsOnlyItsTypesWithinItsDatesAndNotAfterRevocation() {
        Consent c = consent("INITIAL,PROGRESS", MAR_1, MAR_1.plusDays(30), null);
        assertThat(c.permits(ReportType.PROGRESS, MAR_1)).isTrue();
        assertThat(c.permits(ReportType.PROGRESS, MAR_1.plusDays(30))).isTrue();
        assertThat(c.permits(ReportType.PROGRESS, MAR_1.plusDays(31))).isFalse();
        assertThat(c.permits(ReportType.PROGRESS, MAR_1.minusDays(1))).isFalse();
        assertThat(c.permits(ReportType.DISCHARGE, MAR_1)).isFalse();
        assertThat(consent("INITIAL", MAR_1, null, null).permits(ReportType.INITIAL, MAR_1.plusYears(2))).isTrue();
        assertThat(consent("INITIAL", MAR_1, null, Instant.now()).permits(ReportType.INITIAL, MAR_1)).isFalse();
    }

    @Test
    void aConsentSaysWhetherItIsValidNotYetStartedExpiredOrRevokedOnADay() {
        Consent c = consent("INITIAL", MAR_1, MAR_1.plusDays(30), null);
        assertThat(c.stateOn(MAR_1.minusDays(1))).isEqualTo(Consent.State.NOT_YET_VALID);
        assertThat(c.stateOn(MAR_1)).isEqualTo(Consent.State.VALID);
        assertThat(c.stateOn(MAR_1.plusDays(30))).isEqualTo(Consent.State.VALID);
        assertThat(c.stateOn(MAR_1.plusDays(31))).isEqualTo(Consent.State.EXPIRED);
        assertThat(consent("INITIAL", MAR_1, null, null).stateOn(MAR_1.plusYears(5))).isEqualTo(Consent.State.VALID);
        assertThat(consent("INITIAL", MAR_1, null, Instant.now()).stateOn(MAR_1)).isEqualTo(Consent.State.REVOKED);
    }

    @Test
    void theNextReportFallsDueAtTheNthVisitOrAfterNWeeksWhicheverComesFirst() {
        List<LocalDate> visits = List.of(MAR_1.plusDays(2), MAR_1.plusDays(4), MAR_1.plusDays(9));
        assertThat(ReportCadence.dueOn(new ReportCadence.Rule(3, 4), MAR_1, visits)).contains(MAR_1.plusDays(9));
        assertThat(ReportCadence.dueOn(new ReportCadence.Rule(3, 1), MAR_1, visits)).contains(MAR_1.plusWeeks(1));
        assertThat(ReportCadence.dueOn(new ReportCadence.Rule(6, null), MAR_1, visits)).isEmpty();
        assertThat(ReportCadence.dueOn(new ReportCadence.Rule(null, 2), MAR_1, List.of())).contains(MAR_1.plusWeeks(2));
    }

    @Test
    void thankYouTurnaroundCountsBusinessDays() {
        LocalDate friday = LocalDate.of(2025, 1, 10);
        assertThat(ReferralAnalytics.businessDaysBetween(friday, friday)).isZero();
        assertThat(ReferralAnalytics.businessDaysBetween(friday, friday.plusDays(3))).isEqualTo(1); // Monday
        assertThat(ReferralAnalytics.businessDaysBetween(friday, friday.plusDays(4))).isEqualTo(2); // Tuesday
    }
}
