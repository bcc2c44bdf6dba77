package app.rapport.console.services;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a list page says about its total and its pages, exact and past the services' counting bound. */
class ListTotalsTest {

    private static Doc answer(int items, long total, boolean capped) {
        return new Doc(Map.of("items", Collections.nCopies(items, Map.of("id", "x")), "total", total, "totalCapped", capped));
    }

    @Test
    void anExactTotalGivesTheNumberOfPagesAndNoLinkPastTheLast() {
        Doc one = answer(1, 1, false);
        assertThat(one.totalText()).isEqualTo("1");
        assertThat(one.totalIsOne()).isTrue();
        assertThat(one.pageCountText(20)).isEqualTo("1");
        assertThat(one.hasPageAfter(0, 20)).isFalse();

        Doc fortyOne = answer(20, 41, false);
        assertThat(fortyOne.totalText()).isEqualTo("41");
        assertThat(fortyOne.totalIsOne()).isFalse();
        assertThat(fortyOne.pageCountText(20)).isEqualTo("3");
        assertThat(fortyOne.hasPageAfter(1, 20)).isTrue();
        assertThat(answer(1, 41, false).hasPageAfter(2, 20)).isFalse();
        assertThat(answer(0, 0, false).pageCountText(20)).isEqualTo("1");
    }

    @Test
    void aCappedTotalSaysAtLeastAndKeepsPagingWhilePagesAreFull() {
        Doc capped = answer(20, 10_000, true);
        assertThat(capped.totalText()).isEqualTo("10000+");
        assertThat(capped.totalIsOne()).isFalse();
        assertThat(capped.pageCountText(20)).isEqualTo("500+");
        // page 600 is past the bound: the service still found a full page, so there may be another
        assertThat(capped.hasPageAfter(600, 20)).isTrue();
        assertThat(answer(7, 10_000, true).hasPageAfter(600, 20)).isFalse();
    }

    @Test
    void anAnswerWithoutTheFlagIsExact() {
        Doc old = new Doc(Map.of("items", List.of(), "total", 3));
        assertThat(old.totalText()).isEqualTo("3");
        assertThat(old.pageCountText(20)).isEqualTo("1");
    }
}
