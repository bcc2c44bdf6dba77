package app.rapport.console.web;

import app.rapport.console.services.Doc;
import app.rapport.console.services.ServiceProblem;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SectionTest {

    private static final ServiceProblem NOT_HEARD_OF = new ServiceProblem(404,
            Doc.of(Map.of("title", "Not Found", "detail", "Referral 3f0c does not exist")));

    @Test
    void aBlockAboutARecordTheServiceHasNotHeardOfYetShowsItsEmptyStateNotTheServicesError() {
        Section<Doc> updates = Section.load(() -> {
            throw NOT_HEARD_OF;
        }, Doc.empty());

        assertThat(updates.ok()).isTrue();
        assertThat(updates.value().items()).isEmpty();
    }

    @Test
    void otherRefusalsStillSayWhyTheBlockIsMissing() {
        Section<Doc> plain = Section.load(() -> {
            throw NOT_HEARD_OF;
        });
        assertThat(plain.ok()).isFalse();
        assertThat(plain.unavailable()).contains("does not exist");

        Section<Doc> forbidden = Section.load(() -> {
            throw new ServiceProblem(403, Doc.of(Map.of("detail", "staff only")));
        }, Doc.empty());
        assertThat(forbidden.unavailable()).isEqualTo("Not shown for your role.");

        Section<Doc> down = Section.load(() -> {
            throw new ServiceProblem(503, Doc.of(Map.of("service", "reports-service")));
        }, Doc.empty());
        assertThat(down.unavailable()).startsWith("reports-service is not answering");
    }
}
