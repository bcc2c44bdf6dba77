package app.rapport.referrals.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static app.rapport.referrals.domain.ReferralStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every pair of statuses, for both directions: legal exactly when DESIGN.md says so. */
class ReferralStateMachineTest {

    /** Written out from DESIGN.md independently of the class under test. */
    private static final Map<ReferralStatus, Set<ReferralStatus>> RECEIVED_LEGAL = Map.of(
            RECEIVED, Set.of(ACCEPTED, DECLINED, CANCELLED),
            ACCEPTED, Set.of(SCHEDULED, CANCELLED),
            SCHEDULED, Set.of(IN_TREATMENT, NO_SHOW, CANCELLED),
            NO_SHOW, Set.of(SCHEDULED, CANCELLED),
            IN_TREATMENT, Set.of(COMPLETED, CANCELLED));
    private static final Map<ReferralStatus, Set<ReferralStatus>> SENT_LEGAL = Map.of(
            SENT, Set.of(ACKNOWLEDGED, DECLINED, CANCELLED),
            ACKNOWLEDGED, Set.of(SEEN, DECLINED, CANCELLED),
            SEEN, Set.of(CLOSED, CANCELLED));

    @Test
    void everyReceivedMoveIsLegalExactlyWhenTheDesignAllowsIt() {
        assertEveryPair(Direction.RECEIVED, RECEIVED_LEGAL);
    }

    @Test
    void everySentMoveIsLegalExactlyWhenTheDesignAllowsIt() {
        assertEveryPair(Direction.SENT, SENT_LEGAL);
    }

    @Test
    void referralsStartWhereTheirDirectionSays() {
        assertThat(ReferralStateMachine.initial(Direction.RECEIVED)).isEqualTo(RECEIVED);
        assertThat(ReferralStateMachine.initial(Direction.SENT)).isEqualTo(SENT);
    }

    @Test
    void finalStatusesAllowNothing() {
        for (ReferralStatus done : List.of(COMPLETED, DECLINED, CANCELLED)) {
            assertThat(ReferralStateMachine.isFinal(Direction.RECEIVED, done)).as(done.name()).isTrue();
        }
        for (ReferralStatus done : List.of(CLOSED, DECLINED, CANCELLED)) {
            assertThat(ReferralStateMachine.isFinal(Direction.SENT, done)).as(done.name()).isTrue();
        }
        assertThat(ReferralStateMachine.isFinal(Direction.RECEIVED, NO_SHOW)).isFalse();
    }

    @Test
    void anIllegalMoveSaysWhatIsAllowed() {
        assertThatThrownBy(() -> ReferralStateMachine.check(Direction.RECEIVED, RECEIVED, IN_TREATMENT))
                .isInstanceOf(ReferralStateMachine.IllegalTransitionException.class)
                .hasMessageContaining("RECEIVED to IN_TREATMENT")
                .satisfies(e -> assertThat(((ReferralStateMachine.IllegalTransitionException) e).allowed())
                        .containsExactlyInAnyOrder(ACCEPTED, DECLINED, CANCELLED));
        assertThatThrownBy(() -> ReferralStateMachine.check(Direction.SENT, CLOSED, SEEN))
                .hasMessageContaining("CLOSED is final");
    }

    private static void assertEveryPair(Direction direction, Map<ReferralStatus, Set<ReferralStatus>> legal) {
        List<String> wrong = new ArrayList<>();
        int legalCount = 0;
        for (ReferralStatus from : ReferralStatus.values()) {
            for (ReferralStatus to : ReferralStatus.values()) {
                boolean expected = legal.getOrDefault(from, EnumSet.noneOf(ReferralStatus.class)).contains(to);
                legalCount += expected ? 1 : 0;
                if (ReferralStateMachine.isLegal(direction, from, to) != expected) {
                    wrong.add(from + "->" + to + (expected ? " should be legal" : " should be illegal"));
                }
                if (!expected) {
                    assertThatThrownBy(() -> ReferralStateMachine.check(direction, from, to))
                            .isInstanceOf(ReferralStateMachine.IllegalTransitionException.class);
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(legalCount).isEqualTo(legal.values().stream().mapToInt(Set::size).sum());
    }

    @Test
    void theStatusesOfADirectionAreExactlyThoseItsReferralsCanReach() {
        for (Direction direction : Direction.values()) {
            Set<ReferralStatus> reachable = EnumSet.of(ReferralStateMachine.initial(direction));
            List<ReferralStatus> todo = new ArrayList<>(reachable);
            while (!todo.isEmpty()) {
                for (ReferralStatus next : ReferralStateMachine.allowedFrom(direction, todo.remove(0))) {
                    if (reachable.add(next)) {
                        todo.add(next);
                    }
                }
            }
            assertThat(ReferralStateMachine.statuses(direction)).as(direction.name())
                    .containsExactlyInAnyOrderElementsOf(reachable)
                    .startsWith(ReferralStateMachine.initial(direction));
        }
        assertThat(ReferralStateMachine.statuses(null)).containsExactlyInAnyOrder(ReferralStatus.values());
    }
}
