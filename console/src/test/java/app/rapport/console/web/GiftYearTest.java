package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GiftYearTest {

    @Test
    void theLedgerShowsTheYearTheServiceAnsweredForThenTheOneAskedForThenThisYearInUtc() {
        Section<Doc> answered = new Section<>(new Doc(Map.of("year", 2031)), "");
        Section<Doc> down = new Section<>(null, "outreach-service is not answering right now");

        assertThat(GiftsController.shownYear(answered, null)).isEqualTo(2031);
        assertThat(GiftsController.shownYear(answered, 2029)).as("the service's year, not the one typed").isEqualTo(2031);
        assertThat(GiftsController.shownYear(down, 2029)).isEqualTo(2029);
        assertThat(GiftsController.shownYear(down, null)).isEqualTo(Forms.today().getYear());
    }
}
