package app.rapport.reports;

import app.rapport.reports.domain.RecipientRole;
import app.rapport.reports.domain.Report;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportLifecycle;
import app.rapport.reports.domain.ReportStatus;
import app.rapport.reports.domain.ReportType;
import app.rapport.reports.repository.ReportRepository;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static app.rapport.reports.domain.ReportStatus.AWAITING_CONSENT;
import static app.rapport.reports.domain.ReportStatus.DELIVERY_UNCONFIRMED;
import static app.rapport.reports.domain.ReportStatus.DRAFT;
import static app.rapport.reports.domain.ReportStatus.SENDING;
import static app.rapport.reports.domain.ReportStatus.SENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report's status moves, with no container: the table, and what each move asks of the database. */
class ReportLifecycleTest {

    private static final Instant NOW = Instant.parse("2025-03-03T10:00:00Z");

    /** Every move a report may make, as ADR 0407 describes them; every other pair is refused. */
    private static final Map<ReportStatus, Set<ReportStatus>> ALLOWED = Map.of(
            AWAITING_CONSENT, Set.of(DRAFT, SENDING),
            DRAFT, Set.of(AWAITING_CONSENT, SENDING),
            SENDING, Set.of(SENT, DELIVERY_UNCONFIRMED, AWAITING_CONSENT, DRAFT),
            DELIVERY_UNCONFIRMED, Set.of(SENT, SENDING),
            SENT, Set.of());

    /** The repository's status queries as called, each answering "one row moved". */
    private final List<String> calls = new ArrayList<>();
    private final ReportLifecycle lifecycle = new ReportLifecycle((ReportRepository) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[]{ReportRepository.class}, (proxy, method, args) -> {
                calls.add(method.getName() + Arrays.toString(args));
                return 1L;
            }));

    private static Report report(ReportStatus status) {
        return new Report("r1", "clinic-a", "ref-1", "dr-1", RecipientRole.REFERRING_PRACTITIONER, ReportType.INITIAL,
                1, status, "patient-1", null, NOW, NOW, null, null, null, null, 4);
    }

    @Test
    void everyPairOfStatusesIsAllowedOrRefusedAsTheTableSays() {
        for (ReportStatus from : ReportStatus.values()) {
            for (ReportStatus to : ReportStatus.values()) {
                assertThat(ReportLifecycle.isLegal(from, to)).as(from + " -> " + to)
                        .isEqualTo(ALLOWED.get(from).contains(to));
            }
            assertThat(Set.copyOf(ReportLifecycle.allowedFrom(from))).as("from " + from).isEqualTo(ALLOWED.get(from));
        }
        assertThat(ReportLifecycle.allowedFrom(SENT)).as("SENT is final").isEmpty();
    }

    @Test
    void aNewReportWaitsForConsentUnlessOneIsOnFile() {
        assertThat(ReportLifecycle.firstStatus(true)).isEqualTo(DRAFT);
        assertThat(ReportLifecycle.firstStatus(false)).isEqualTo(AWAITING_CONSENT);
    }

    @Test
    void consentMovesAnUnsentReportOnlyFromTheStatusItWasReadIn() {
        assertThat(lifecycle.consentGiven(report(AWAITING_CONSENT), NOW)).isTrue();
        assertThat(lifecycle.consentWithdrawn(report(DRAFT), NOW)).isTrue();
        assertThat(calls).containsExactly(
                "moveUnsent[r1, AWAITING_CONSENT, DRAFT, " + NOW + "]",
                "moveUnsent[r1, DRAFT, AWAITING_CONSENT, " + NOW + "]");
    }

    @Test
    void aSendClaimsAnUnsentOrUnconfirmedReportAtTheVersionItRead() {
        for (ReportStatus from : List.of(AWAITING_CONSENT, DRAFT, DELIVERY_UNCONFIRMED)) {
            assertThat(lifecycle.claimForSending(report(from), NOW, ReportChannel.EMAIL, "consent-1")).isTrue();
        }
        assertThat(calls).containsExactly(
                "claim[r1, clinic-a, AWAITING_CONSENT, 4, " + NOW + ", EMAIL, consent-1]",
                "claim[r1, clinic-a, DRAFT, 4, " + NOW + ", EMAIL, consent-1]",
                "claim[r1, clinic-a, DELIVERY_UNCONFIRMED, 4, " + NOW + ", EMAIL, consent-1]");
    }

    @Test
    void aReportBeingSentOrSentCannotBeClaimedAgain() {
        for (ReportStatus from : List.of(SENDING, SENT)) {
            assertThatThrownBy(() -> lifecycle.claimForSending(report(from), NOW, ReportChannel.EMAIL, "consent-1"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot move from " + from);
        }
        assertThat(calls).as("a refused move reaches no query").isEmpty();
    }

    @Test
    void aRefusedDeliveryGoesBackToWhereItWasClaimedFromOrStaysUnconfirmed() {
        assertThat(lifecycle.notDelivered(report(DRAFT), NOW)).isEqualTo(DRAFT);
        assertThat(lifecycle.notDelivered(report(AWAITING_CONSENT), NOW)).isEqualTo(AWAITING_CONSENT);
        // Sent again and refused: the first attempt may have arrived.
        assertThat(lifecycle.notDelivered(report(DELIVERY_UNCONFIRMED), NOW)).isEqualTo(DELIVERY_UNCONFIRMED);
        assertThat(calls).containsExactly("release[r1, DRAFT, " + NOW + "]", "release[r1, AWAITING_CONSENT, " + NOW + "]",
                "markUnconfirmed[r1, " + NOW + "]");
    }

    @Test
    void nothingIsReleasedToAStatusNoSendClaimsFrom() {
        for (ReportStatus from : List.of(SENDING, SENT)) {
            assertThatThrownBy(() -> lifecycle.notDelivered(report(from), NOW)).isInstanceOf(IllegalStateException.class);
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void deliveredUnconfirmedAndStaleSendsAreTheGuardedQueries() {
        assertThat(lifecycle.delivered(report(DRAFT), NOW)).isTrue();
        lifecycle.maybeDelivered(report(DRAFT), NOW);
        assertThat(lifecycle.flagStaleSends(NOW.minusSeconds(600), NOW)).isEqualTo(1);
        assertThat(calls).containsExactly("markSent[r1, " + NOW + "]", "markUnconfirmed[r1, " + NOW + "]",
                "flagUnconfirmed[" + NOW.minusSeconds(600) + ", " + NOW + "]");
    }
}
