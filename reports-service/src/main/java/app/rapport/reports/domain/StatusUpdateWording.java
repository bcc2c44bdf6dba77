package app.rapport.reports.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a status update says: the referral's date, its new status and, for a decline, the reason.
 * Never a diagnosis, note or measure: it goes out without the patient's consent, as treatment
 * coordination.
 */
public final class StatusUpdateWording {

    public static final String TITLE = "Status update on your referral";
    public static final String BASIS = "treatment coordination, no clinical detail";

    private StatusUpdateWording() {
    }

    public static List<String> body(StatusUpdate u, ReferralRecord referral) {
        List<String> lines = new ArrayList<>();
        lines.add("This is a short update on the patient you referred to us on "
                + referral.referredOn().format(Letterheads.DAY) + ".");
        lines.add(switch (u.kind()) {
            case ACCEPTED -> "We have accepted your referral and will contact the patient to arrange a first visit.";
            case SCHEDULED -> "The patient's first visit with us is scheduled.";
            case FIRST_VISIT -> "We saw the patient for the first visit on " + u.occurredOn().format(Letterheads.DAY) + ".";
            case DECLINED -> "We are unable to accept this referral.";
            case COMPLETED -> "The patient's care with us is complete. Thank you for your trust.";
        });
        if (u.kind() == StatusUpdateKind.DECLINED && u.reason() != null && !u.reason().isBlank()) {
            lines.add("Reason: " + u.reason());
        }
        return lines;
    }

    public static String status(StatusUpdateKind kind) {
        return switch (kind) {
            case ACCEPTED -> "Accepted";
            case SCHEDULED -> "First visit scheduled";
            case FIRST_VISIT -> "Seen for the first visit";
            case DECLINED -> "Declined";
            case COMPLETED -> "Care completed";
        };
    }
}
