package app.rapport.referrals.repository;

import app.rapport.platform.persistence.ListQuery;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * The referrals list and its status chips, and the intake links, each WHERE built from the filters
 * given, so that the V8 indexes (each equality filter, then {@code referred_on DESC, created_at
 * DESC, id}) serve filter and order. Run with the platform's {@code Lists}.
 */
public final class ReferralLists {

    private ReferralLists() {
    }

    /** Everything the list filters on; {@code status} null for the status chips, which count what the list would show. */
    public static ListQuery search(String clinicId, @Nullable String direction, @Nullable String status,
                                   @Nullable String practitionerId, @Nullable LocalDate fromDate,
                                   @Nullable LocalDate toDate, @Nullable String namePrefix) {
        ListQuery query = ListQuery.from("referral").where("clinic_id = ?", clinicId)
                .whereGiven(direction, "direction = ?")
                .whereGiven(status, "status = ?")
                .whereGiven(practitionerId, "practitioner_id = ?")
                .whereGiven(fromDate, "referred_on >= ?")
                .whereGiven(toDate, "referred_on <= ?");
        if (namePrefix != null) {
            // namePrefix is a LIKE pattern from NameSearch; both subqueries are prefix range scans
            // of the (clinic_id, search_name[_rev]) indexes of V2.
            query.where("(patient_id IN (SELECT p.id FROM patient p WHERE p.clinic_id = ?"
                            + " AND (p.search_name LIKE ? OR p.search_name_rev LIKE ?))"
                            + " OR practitioner_id IN (SELECT d.practitioner_id FROM partner d WHERE d.clinic_id = ?"
                            + " AND (d.search_name LIKE ? OR d.search_name_rev LIKE ?)))",
                    clinicId, namePrefix, namePrefix, clinicId, namePrefix, namePrefix);
        }
        return query.orderBy("referred_on DESC, created_at DESC, id");
    }

    /** How many referrals {@code query} holds in each status that has any: {@code status, count} rows. */
    public static String statusCounts(ListQuery query) {
        return "SELECT status, COUNT(*) " + query.fromWhere() + " GROUP BY status";
    }

    /** The clinic's intake links, newest first (V8's {@code clinic_id, created_at DESC, id}). */
    public static ListQuery intakeLinks(String clinicId) {
        return ListQuery.from("intake_link").where("clinic_id = ?", clinicId).orderBy("created_at DESC, id");
    }
}
