package app.rapport.reports.repository;

import app.rapport.platform.persistence.ListQuery;
import app.rapport.reports.domain.ReportStatus;
import io.micronaut.core.annotation.Nullable;

/**
 * The reports queue and the print queue, each WHERE built from the filters given, so that the V9
 * indexes (status, recipient or referral as given, then the list's order) serve filter and order.
 * Run with the platform's {@code Lists}.
 */
public final class ReportLists {

    private ReportLists() {
    }

    public static ListQuery search(String clinicId, @Nullable String referralId, @Nullable ReportStatus status,
                                   @Nullable String practitionerId) {
        return ListQuery.from("report").where("clinic_id = ?", clinicId)
                .whereGiven(referralId, "referral_id = ?")
                .whereGiven(status, "status = ?")
                .whereGiven(practitionerId, "practitioner_id = ?")
                .orderBy("queued_at DESC, id");
    }

    /** Oldest first: waiting jobs, or with {@code all} the printed ones too. */
    public static ListQuery printJobs(String clinicId, boolean all) {
        ListQuery query = ListQuery.from("print_job").where("clinic_id = ?", clinicId);
        if (!all) {
            query.where("printed_at IS NULL");
        }
        return query.orderBy("queued_at, id");
    }
}
