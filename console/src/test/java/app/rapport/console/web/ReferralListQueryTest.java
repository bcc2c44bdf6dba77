package app.rapport.console.web;

import app.rapport.console.services.Doc;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReferralListQueryTest {

    @Test
    void anAddressWithNothingOrNonsenseIsTheFirstPageOfReceivedReferrals() {
        assertThat(ReferralListQuery.of(null, null, null, null)).isEqualTo(new ReferralListQuery("RECEIVED", "", "", 0));
        assertThat(ReferralListQuery.of("sideways", "x'; drop", "  ", "-3"))
                .isEqualTo(new ReferralListQuery("RECEIVED", "", "", 0));
        assertThat(ReferralListQuery.of("sent", "accepted", " Marsh ", "2"))
                .isEqualTo(new ReferralListQuery("SENT", "ACCEPTED", "Marsh", 2));
        assertThat(ReferralListQuery.of("SENT", "", "x".repeat(300), "two").q()).hasSize(100);
    }

    @Test
    void theServiceIsAskedForThisPageAndTheCountsWithoutTheStatus() {
        ReferralListQuery query = ReferralListQuery.of("SENT", "SEEN", "okafor", "1");
        assertThat(query.listQuery()).containsEntry("direction", "SENT").containsEntry("status", "SEEN")
                .containsEntry("q", "okafor").containsEntry("page", 1).containsEntry("size", 20);
        assertThat(query.countsQuery()).containsOnlyKeys("direction", "q");
    }

    @Test
    void chipsStartWithAllAndKeepTheDirectionAndSearchButNotThePage() {
        ReferralListQuery query = ReferralListQuery.of("RECEIVED", "ACCEPTED", "Elena M", "3");
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("RECEIVED", 2);
        counts.put("ACCEPTED", 1);
        counts.put("IN_TREATMENT", 0);

        var chips = query.chips(new Doc(counts));

        assertThat(chips).extracting(ReferralListQuery.Chip::label).containsExactly("All", "Received", "Accepted", "In treatment");
        assertThat(chips).extracting(ReferralListQuery.Chip::count).containsExactly(3L, 2L, 1L, 0L);
        assertThat(chips).extracting(ReferralListQuery.Chip::current).containsExactly(false, false, true, false);
        assertThat(chips.get(0).href()).isEqualTo("/referrals?direction=RECEIVED&q=Elena+M");
        assertThat(chips.get(3).href()).isEqualTo("/referrals?direction=RECEIVED&status=IN_TREATMENT&q=Elena+M");
    }

    @Test
    void tabsDropTheStatusWhichBelongsToOneDirection() {
        var tabs = ReferralListQuery.of("SENT", "SEEN", "abara", "0").tabs();
        assertThat(tabs).extracting(ReferralListQuery.Tab::href)
                .containsExactly("/referrals?direction=RECEIVED&q=abara", "/referrals?direction=SENT&q=abara");
        assertThat(tabs).extracting(ReferralListQuery.Tab::current).containsExactly(false, true);
    }

    @Test
    void pagingLinksKeepTheTabAndStatus() {
        ReferralListQuery first = ReferralListQuery.of("RECEIVED", "", "", "0");
        assertThat(first.hasPrevious()).isFalse();
        ReferralListQuery last = ReferralListQuery.of("RECEIVED", "SCHEDULED", "", "2");
        assertThat(last.hasPrevious()).isTrue();
        assertThat(last.pageHref(1)).isEqualTo("/referrals?direction=RECEIVED&status=SCHEDULED&page=1");
        assertThat(last.pageHref(0)).isEqualTo("/referrals?direction=RECEIVED&status=SCHEDULED");
    }
}
