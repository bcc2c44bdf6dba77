package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The printed disclosure log is the whole log, however many pages the service answers it in. */
class DisclosureLogTest {

    /** A log of {@code size} lines as reports-service pages it. */
    private static Doc page(int size, int page) {
        int from = Math.min(size, page * DisclosureLogController.PAGE_SIZE);
        int to = Math.min(size, from + DisclosureLogController.PAGE_SIZE);
        List<Map<String, Object>> items = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> items.add(Map.of("id", "d" + i)));
        return Doc.of(Map.of("items", items, "total", size, "page", page, "size", DisclosureLogController.PAGE_SIZE));
    }

    @Test
    void aLogLongerThanOnePageIsReadToItsLastLine() {
        List<Integer> asked = new ArrayList<>();
        Doc log = DisclosureLogController.allPages(p -> {
            asked.add(p);
            return page(450, p);
        });

        assertThat(log.num("total")).isEqualTo(450);
        assertThat(log.items()).hasSize(450);
        assertThat(log.items().get(449).str("id")).isEqualTo("d449");
        assertThat(asked).containsExactly(0, 1, 2);
    }

    @Test
    void aLogOfExactlyOnePageAsksOnceAndAnEmptyOneToo() {
        List<Integer> asked = new ArrayList<>();
        assertThat(DisclosureLogController.allPages(p -> {
            asked.add(p);
            return page(DisclosureLogController.PAGE_SIZE, p);
        }).items()).hasSize(DisclosureLogController.PAGE_SIZE);
        assertThat(asked).containsExactly(0);
        assertThat(DisclosureLogController.allPages(p -> page(0, p)).items()).isEmpty();
    }

    @Test
    void aLogBeyondTheCapStopsThereAndKeepsTheTrueTotalForTheCaption() {
        int huge = DisclosureLogController.PAGE_SIZE * (DisclosureLogController.MAX_PAGES + 3);
        Doc log = DisclosureLogController.allPages(p -> page(huge, p));

        assertThat(log.items()).hasSize(DisclosureLogController.PAGE_SIZE * DisclosureLogController.MAX_PAGES);
        assertThat(log.num("total")).isEqualTo(huge);
    }
}
