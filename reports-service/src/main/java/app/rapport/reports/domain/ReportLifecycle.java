package app.rapport.reports.domain;

import app.rapport.reports.repository.ReportRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static app.rapport.reports.domain.ReportStatus.AWAITING_CONSENT;
import static app.rapport.reports.domain.ReportStatus.DELIVERY_UNCONFIRMED;
import static app.rapport.reports.domain.ReportStatus.DRAFT;
import static app.rapport.reports.domain.ReportStatus.SENDING;
import static app.rapport.reports.domain.ReportStatus.SENT;

/**
 * The one place a report's status changes, and the table of the moves it may make (ADR 0407):
 * AWAITING_CONSENT ⇄ DRAFT as the consents say; either → SENDING when a send claims it; SENDING →
 * SENT, → DELIVERY_UNCONFIRMED when it may have left, or back to the unsent status it was claimed
 * from when it certainly did not; DELIVERY_UNCONFIRMED → SENT when staff (or the late sender) know
 * it arrived, → SENDING when staff send it again. SENT is final.
 *
 * <p>Each move is checked against the table here and then written only from the status (and, for
 * a claim, the version) the caller read: the repository's guarded update answers whether this
 * caller won the move, so two replicas or two clicks never both make it.
 */
@Singleton
public class ReportLifecycle {

    private static final Map<ReportStatus, List<ReportStatus>> MOVES = Map.of(
            AWAITING_CONSENT, List.of(DRAFT, SENDING),
            DRAFT, List.of(AWAITING_CONSENT, SENDING),
            SENDING, List.of(SENT, DELIVERY_UNCONFIRMED, AWAITING_CONSENT, DRAFT),
            DELIVERY_UNCONFIRMED, List.of(SENT, SENDING));

    private final ReportRepository reports;

    public ReportLifecycle(ReportRepository reports) {
        this.reports = reports;
    }

    /** The moves allowed from {@code from}; none from SENT. */
    public static List<ReportStatus> allowedFrom(ReportStatus from) {
        return MOVES.getOrDefault(from, List.of());
    }

    public static boolean isLegal(ReportStatus from, ReportStatus to) {
        return allowedFrom(from).contains(to);
    }

    /** A new report waits for consent unless one is on file for it. */
    public static ReportStatus firstStatus(boolean consentOnFile) {
        return consentOnFile ? DRAFT : AWAITING_CONSENT;
    }

    /** A consent valid today now covers it: AWAITING_CONSENT → DRAFT, unless a send claimed it meanwhile. */
    public boolean consentGiven(Report report, Instant now) {
        return moveUnsent(report, AWAITING_CONSENT, DRAFT, now);
    }

    /** Its consent was revoked or expired: DRAFT → AWAITING_CONSENT, unless a send claimed it meanwhile. */
    public boolean consentWithdrawn(Report report, Instant now) {
        return moveUnsent(report, DRAFT, AWAITING_CONSENT, now);
    }

    private boolean moveUnsent(Report report, ReportStatus from, ReportStatus to, Instant now) {
        check(report, from, to);
        return reports.moveUnsent(report.id(), from.name(), to.name(), now) == 1;
    }

    /**
     * SENDING for one send, only from the status and version {@code report} was read in.
     *
     * @return false when someone else sent or edited it since
     */
    public boolean claimForSending(Report report, Instant now, ReportChannel channel, String consentId) {
        check(report, report.status(), SENDING);
        return reports.claim(report.id(), report.clinicId(), report.status().name(), report.version(), now,
                channel.name(), consentId) == 1;
    }

    /**
     * SENT: the sender delivered it (also when the recovery step flagged it meanwhile) or staff
     * confirmed an unconfirmed delivery.
     *
     * @return false when it was no longer SENDING or DELIVERY_UNCONFIRMED
     */
    public boolean delivered(Report report, Instant now) {
        return reports.markSent(report.id(), now) == 1;
    }

    /**
     * The delivery certainly did not happen: back to {@code claimed}'s status, the one it was
     * claimed from. One claimed from DELIVERY_UNCONFIRMED stays unconfirmed: the first attempt may
     * still have arrived.
     *
     * @return the status it went back to; when unsent, what this send disclosed was not disclosed
     */
    public ReportStatus notDelivered(Report claimed, Instant now) {
        if (claimed.status() == DELIVERY_UNCONFIRMED) {
            maybeDelivered(claimed, now);
            return DELIVERY_UNCONFIRMED;
        }
        // Only to where a send could have claimed it from.
        check(claimed, claimed.status(), SENDING);
        check(claimed, SENDING, claimed.status());
        reports.release(claimed.id(), claimed.status().name(), now);
        return claimed.status();
    }

    /** It may have left: DELIVERY_UNCONFIRMED, for staff to confirm or send again. */
    public void maybeDelivered(Report claimed, Instant now) {
        reports.markUnconfirmed(claimed.id(), now);
    }

    /**
     * The recovery step: reports SENDING since before {@code staleBefore} belong to a sender that
     * stopped; nobody can tell whether they left, so they become DELIVERY_UNCONFIRMED.
     *
     * @return how many
     */
    public long flagStaleSends(Instant staleBefore, Instant now) {
        return reports.flagUnconfirmed(staleBefore, now);
    }

    /** A move off the table is a bug in the caller, not a user's mistake: the caller refuses those first. */
    private static void check(Report report, ReportStatus from, ReportStatus to) {
        if (!isLegal(from, to)) {
            throw new IllegalStateException("Report " + report.id() + " cannot move from " + from + " to " + to
                    + (allowedFrom(from).isEmpty() ? "; " + from + " is final" : "; allowed: " + allowedFrom(from)));
        }
    }
}
