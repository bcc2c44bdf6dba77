package app.rapport.platform.testing;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** A test's clock is read the way services read theirs: a clinic's day through withZone. */
class MovableClockTest {

    private static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");

    @Test
    void aZonedViewGivesTheClinicsDayAndMovesWithTheClock() {
        MovableClock clock = new MovableClock();
        Clock seattle = clock.withZone(SEATTLE);

        clock.set(Instant.parse("2031-03-05T04:30:00Z")); // 20:30 on the 4th in Seattle
        assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.parse("2031-03-05"));
        assertThat(LocalDate.now(seattle)).isEqualTo(LocalDate.parse("2031-03-04"));

        clock.set(Instant.parse("2031-03-05T09:00:00Z"));
        assertThat(LocalDate.now(seattle)).isEqualTo(LocalDate.parse("2031-03-05"));
        assertThat(seattle.getZone()).isEqualTo(SEATTLE);
    }
}
