package app.rapport.console.web;

import app.rapport.console.services.Doc;
import app.rapport.console.services.ServiceProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ListPagesTest {

    @Test
    void partnerPagesKeepTheFilters() {
        var list = new PartnerListPage(" lake view ", "OB_GYN", "", null, true, 1);

        assertThat(list.filters()).isEqualTo(Map.of("q", "lake view", "specialty", "OB_GYN", "includeArchived", true));
        assertThat(list.pageHref(2)).isEqualTo("/partners?q=lake+view&specialty=OB_GYN&includeArchived=true&page=2");
        assertThat(list.pageHref(0)).isEqualTo("/partners?q=lake+view&specialty=OB_GYN&includeArchived=true");
        assertThat(list.hasNext(new Doc(Map.of("total", 41)), 20)).isTrue();
        assertThat(list.hasNext(new Doc(Map.of("total", 40)), 20)).isFalse();
        assertThat(new PartnerListPage(null, null, null, null, false, 0).filtered()).isFalse();
    }

    @Test
    void theLastReferralIsTheLaterOfReceivedAndSent() {
        assertThat(PartnerListPage.lastReferral(new Doc(Map.of("lastReferralReceivedOn", "2026-03-02",
                "lastReferralSentOn", "2026-04-01")))).isEqualTo("sent Wed 1 Apr 2026");
        assertThat(PartnerListPage.lastReferral(new Doc(Map.of("lastReferralReceivedOn", "2026-03-02"))))
                .isEqualTo("received Mon 2 Mar 2026");
        assertThat(PartnerListPage.lastReferral(Doc.empty())).isEmpty();
    }

    @Test
    void taskPagesKeepTheFiltersAndReturnToThemselves() {
        var list = new TaskListPage("GESTURE", "PROPOSED", true, "", "p-1", 0);

        assertThat(list.self()).isEqualTo("/tasks?type=GESTURE&status=PROPOSED&overdue=true&practitionerId=p-1");
        assertThat(list.pageHref(1)).endsWith("&page=1");
    }

    @Test
    void aGiftRefusalSaysWhyAndWhatRemains() {
        var cash = new ServiceProblem(422, new Doc(Map.of("status", 422, "detail",
                "Cash and cash equivalents (cash, checks, gift cards) may never be given to a physician",
                "errors", List.of(Map.of("field", "kind", "message", "Cash and cash equivalents (cash, checks, gift cards) may never be given to a physician")),
                "extra", Map.of("reason", "CASH_EQUIVALENT", "remainingAllowance", "535.00"))));
        var zero = new ServiceProblem(422, new Doc(Map.of("status", 422, "detail", "must be greater than 0",
                "errors", List.of(Map.of("field", "value.amount", "message", "must be greater than 0")),
                "extra", Map.of("reason", "NOT_POSITIVE", "remainingAllowance", "535.00"))));

        assertThat(TaskActionsController.refusal(cash))
                .isEqualTo("Cash and cash equivalents (cash, checks, gift cards) may never be given to a physician (535.00 remains this year.)");
        assertThat(TaskActionsController.refusal(zero)).isEqualTo("Value must be greater than 0 (535.00 remains this year.)");
    }
}
