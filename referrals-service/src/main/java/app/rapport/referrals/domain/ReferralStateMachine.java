package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

import static app.rapport.referrals.domain.ReferralStatus.*;

/**
 * The referral states of DESIGN.md (after HL7 FHIR Task and the 360X closed-loop guide).
 * Received: RECEIVED → ACCEPTED | DECLINED; ACCEPTED → SCHEDULED → IN_TREATMENT → COMPLETED;
 * SCHEDULED → NO_SHOW → SCHEDULED; any non-final → CANCELLED.
 * Sent: SENT → ACKNOWLEDGED → SEEN → CLOSED, or DECLINED / CANCELLED from any non-final.
 * Pure: no database, so every legal and illegal move is checked by a plain unit test.
 */
public final class ReferralStateMachine {

    private static final Map<ReferralStatus, List<ReferralStatus>> RECEIVED_MOVES = Map.of(
            RECEIVED, List.of(ACCEPTED, DECLINED, CANCELLED),
            ACCEPTED, List.of(SCHEDULED, CANCELLED),
            SCHEDULED, List.of(IN_TREATMENT, NO_SHOW, CANCELLED),
            NO_SHOW, List.of(SCHEDULED, CANCELLED),
            IN_TREATMENT, List.of(COMPLETED, CANCELLED));

    // The partner may decline a referral any time before seeing the patient; after SEEN only closing is left.
    private static final Map<ReferralStatus, List<ReferralStatus>> SENT_MOVES = Map.of(
            SENT, List.of(ACKNOWLEDGED, DECLINED, CANCELLED),
            ACKNOWLEDGED, List.of(SEEN, DECLINED, CANCELLED),
            SEEN, List.of(CLOSED, CANCELLED));

    // Every status a referral of the direction can be in, in the order of its usual course, finals last.
    private static final List<ReferralStatus> RECEIVED_STATUSES = List.of(
            RECEIVED, ACCEPTED, SCHEDULED, NO_SHOW, IN_TREATMENT, COMPLETED, DECLINED, CANCELLED);
    private static final List<ReferralStatus> SENT_STATUSES = List.of(
            SENT, ACKNOWLEDGED, SEEN, CLOSED, DECLINED, CANCELLED);

    private ReferralStateMachine() {
    }

    /** The statuses a referral of {@code direction} can be in (both directions' when null), in course order. */
    public static List<ReferralStatus> statuses(@Nullable Direction direction) {
        if (direction != null) {
            return direction == Direction.RECEIVED ? RECEIVED_STATUSES : SENT_STATUSES;
        }
        Set<ReferralStatus> both = new LinkedHashSet<>(RECEIVED_STATUSES);
        both.addAll(SENT_STATUSES);
        return List.copyOf(both);
    }

    /** The status a new referral of this direction starts in. */
    public static ReferralStatus initial(Direction direction) {
        return direction == Direction.RECEIVED ? RECEIVED : SENT;
    }

    /** The moves allowed from {@code from}, forward first, in the order staff would usually take them. */
    public static List<ReferralStatus> allowedFrom(Direction direction, ReferralStatus from) {
        return (direction == Direction.RECEIVED ? RECEIVED_MOVES : SENT_MOVES).getOrDefault(from, List.of());
    }

    public static boolean isLegal(Direction direction, ReferralStatus from, ReferralStatus to) {
        return allowedFrom(direction, from).contains(to);
    }

    /** Final: nothing may follow (COMPLETED, DECLINED, CANCELLED, CLOSED, or a status foreign to the direction). */
    public static boolean isFinal(Direction direction, ReferralStatus status) {
        return allowedFrom(direction, status).isEmpty();
    }

    /**
     * @throws IllegalTransitionException when the move is not on the machine
     */
    public static void check(Direction direction, ReferralStatus from, ReferralStatus to) {
        if (!isLegal(direction, from, to)) {
            throw new IllegalTransitionException(direction, from, to, allowedFrom(direction, from));
        }
    }

    /** A move the state machine does not allow; the web layer answers 409. */
    public static final class IllegalTransitionException extends RuntimeException {
        private final transient List<ReferralStatus> allowed;
        private final ReferralStatus from;

        IllegalTransitionException(Direction direction, ReferralStatus from, ReferralStatus to, List<ReferralStatus> allowed) {
            super("A " + direction.name().toLowerCase() + " referral cannot move from " + from + " to " + to
                    + (allowed.isEmpty() ? "; " + from + " is final" : "; allowed: " + allowed));
            this.allowed = allowed;
            this.from = from;
        }

        public List<ReferralStatus> allowed() {
            return allowed;
        }

        public ReferralStatus from() {
            return from;
        }
    }
}
