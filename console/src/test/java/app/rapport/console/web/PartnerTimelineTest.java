package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PartnerTimelineTest {

    private static Doc page(Map<String, Object>... items) {
        return new Doc(Map.of("items", List.of(items)));
    }

    @Test
    void everySourceMergesIntoOneListNewestFirst() {
        var referrals = PartnerTimeline.referrals(page(
                Map.of("id", "r1", "direction", "RECEIVED", "kind", "REFERRAL", "referredOn", "2026-03-02", "status", "ACCEPTED"),
                Map.of("id", "r2", "direction", "SENT", "kind", "SECOND_OPINION", "referredOn", "2026-05-10", "status", "SENT")));
        var tasks = PartnerTimeline.tasks(page(Map.of("id", "t1", "type", "THANK_YOU", "status", "DONE",
                "practitionerId", "p1", "referralId", "r1", "channel", "HANDWRITTEN_NOTE", "dueOn", "2026-03-04",
                "outcome", "Card mailed", "completedAt", "2026-03-03T15:00:00Z", "createdAt", "2026-03-02T09:00:00Z")));
        var reports = PartnerTimeline.reports(page(
                Map.of("id", "rep1", "referralId", "r1", "type", "INITIAL", "sentAt", "2026-03-20T10:00:00Z", "sentChannel", "FAX"),
                Map.of("id", "rep2", "referralId", "r1", "type", "PROGRESS", "status", "DRAFT")));
        var gifts = PartnerTimeline.gifts(List.of(page(Map.of("id", "g1", "practitionerId", "p1", "kind", "FLOWERS",
                "givenOn", "2026-04-01", "value", Map.of("amount", "45.00", "currency", "USD")))));
        var intros = PartnerTimeline.introductions(page(Map.of("id", "i1", "recordedAt", "2026-06-01T08:00:00Z",
                "note", "Home births", "practitioner", Map.of("id", "p2", "firstName", "Hannah", "lastName", "Lindqvist", "specialty", "DOULA"))));
        var stages = PartnerTimeline.stages(page(
                Map.of("to", "PROSPECT", "changedBy", "ana", "changedAt", "2026-01-05T12:00:00Z"),
                Map.of("from", "PROSPECT", "to", "MET", "reason", "Lunch at her office", "changedBy", "ana", "changedAt", "2026-02-01T12:00:00Z")));

        List<PartnerTimeline.Entry> all = PartnerTimeline.merge(referrals, tasks, reports, gifts, intros, stages);

        assertThat(all).extracting(PartnerTimeline.Entry::kind).containsExactly(
                "introduction", "referral", "gift", "report", "task", "referral", "stage", "stage");
        assertThat(all.get(0).title()).isEqualTo("Introduced Hannah Lindqvist (Doula)");
        assertThat(all.get(0).href()).isEqualTo("/partners/p2");
        assertThat(all.get(1).title()).isEqualTo("Referral sent (second opinion)");
        assertThat(all.get(1).href()).isEqualTo("/referrals/r2");
        assertThat(all.get(3).title()).isEqualTo("Initial report sent");
        assertThat(all.get(3).detail()).isEqualTo("by fax");
        assertThat(all.get(4).title()).isEqualTo("Thank you done");
        assertThat(all.get(4).detail()).isEqualTo("Card mailed · by handwritten note");
        assertThat(all.get(6).title()).isEqualTo("Stage prospect → met");
        assertThat(all.get(7).title()).isEqualTo("Entered as prospect");
    }

    @Test
    void aReferralDaySortsBeforeWhatHappenedLaterThatDay() {
        var referral = PartnerTimeline.referrals(page(Map.of("id", "r1", "direction", "RECEIVED", "referredOn", "2026-03-02", "status", "RECEIVED")));
        var task = PartnerTimeline.tasks(page(Map.of("id", "t1", "type", "THANK_YOU", "status", "OPEN", "practitionerId", "p1",
                "dueOn", "2026-03-04", "createdAt", "2026-03-02T09:00:00Z")));

        List<PartnerTimeline.Entry> all = PartnerTimeline.merge(referral, task);

        assertThat(all).extracting(PartnerTimeline.Entry::kind).containsExactly("task", "referral");
        assertThat(all.get(0).title()).isEqualTo("Thank you to do");
        assertThat(all.get(0).detail()).isEqualTo("due Wed 4 Mar 2026");
        assertThat(all.get(0).href()).isEqualTo("/tasks?practitionerId=p1");
    }

    @Test
    void reportsNotSentAndMissingSourcesAddNothing() {
        assertThat(PartnerTimeline.reports(page(Map.of("id", "x", "type", "PROGRESS", "status", "AWAITING_CONSENT")))).isEmpty();
        assertThat(PartnerTimeline.merge(PartnerTimeline.stages(Doc.empty()), PartnerTimeline.gifts(List.of()))).isEmpty();
    }

    @Test
    void twoStageChangesInTheSameSecondShowTheLaterOneFirst() {
        var stages = PartnerTimeline.stages(page(
                Map.of("from", "PROSPECT", "to", "MET", "changedBy", "ann", "changedAt", "2026-12-01T22:36:53Z"),
                Map.of("from", "MET", "to", "REFERRING", "changedBy", "system", "changedAt", "2026-12-01T22:36:53Z")));

        assertThat(PartnerTimeline.merge(stages)).extracting(PartnerTimeline.Entry::title)
                .containsExactly("Stage met → referring", "Stage prospect → met");
    }
}
