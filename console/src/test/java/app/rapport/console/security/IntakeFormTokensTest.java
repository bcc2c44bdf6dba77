package app.rapport.console.security;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The public intake form's stand-in for a CSRF token: bound to its link, signed, and short-lived. */
class IntakeFormTokensTest {

    private static final String LINK = "Qm9vdHN0cmFwLWludGFrZS1saW5rLXRva2VuLTQzYw";
    private static final Instant RENDERED = Instant.parse("2026-06-12T15:00:00Z");

    private static IntakeFormTokens at(Instant now) {
        return new IntakeFormTokens("console-secret", Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFormTokenPassesForItsOwnLinkOnly() {
        String token = at(RENDERED).tokenFor(LINK);
        IntakeFormTokens later = at(RENDERED.plus(Duration.ofMinutes(40)));
        assertThat(later.matches(LINK, Optional.of(token))).isTrue();
        assertThat(later.matches(LINK.replace('Q', 'R'), Optional.of(token))).isFalse();
    }

    @Test
    void aForgedTamperedMissingOrOtherConsolesTokenFails() {
        String token = at(RENDERED).tokenFor(LINK);
        IntakeFormTokens now = at(RENDERED);
        assertThat(now.matches(LINK, Optional.empty())).isFalse();
        assertThat(now.matches(LINK, Optional.of("1.forged"))).isFalse();
        assertThat(now.matches(LINK, Optional.of((RENDERED.getEpochSecond() + 1) + token.substring(token.indexOf('.'))))).isFalse();
        assertThat(new IntakeFormTokens("another-secret", Clock.fixed(RENDERED, ZoneOffset.UTC))
                .matches(LINK, Optional.of(token))).isFalse();
    }

    @Test
    void aFormLeftOpenForMoreThanTwelveHoursHasExpired() {
        String token = at(RENDERED).tokenFor(LINK);
        assertThat(at(RENDERED.plus(Duration.ofHours(11))).matches(LINK, Optional.of(token))).isTrue();
        assertThat(at(RENDERED.plus(Duration.ofHours(13))).matches(LINK, Optional.of(token))).isFalse();
    }

    @Test
    void aFormLeftOpenTooLongIsExpiredSoItsOfficeMaySendAgainWhileAForgeryStaysForged() {
        String token = at(RENDERED).tokenFor(LINK);
        IntakeFormTokens nextDay = at(RENDERED.plus(Duration.ofHours(13)));
        assertThat(at(RENDERED.plus(Duration.ofHours(11))).check(LINK, Optional.of(token))).isEqualTo(IntakeFormTokens.Check.VALID);
        assertThat(nextDay.check(LINK, Optional.of(token))).isEqualTo(IntakeFormTokens.Check.EXPIRED);
        // An old issue time with a made-up signature, another link's token, or another console's is not "expired".
        assertThat(nextDay.check(LINK, Optional.of(RENDERED.getEpochSecond() + ".forged"))).isEqualTo(IntakeFormTokens.Check.FORGED);
        assertThat(nextDay.check(LINK.replace('Q', 'R'), Optional.of(token))).isEqualTo(IntakeFormTokens.Check.FORGED);
        assertThat(new IntakeFormTokens("another-secret", Clock.fixed(RENDERED.plus(Duration.ofHours(13)), ZoneOffset.UTC))
                .check(LINK, Optional.of(token))).isEqualTo(IntakeFormTokens.Check.FORGED);
        assertThat(nextDay.check(LINK, Optional.empty())).isEqualTo(IntakeFormTokens.Check.FORGED);
    }
}
