package app.rapport.contacts.repository;

import app.rapport.platform.persistence.ListQuery;
import io.micronaut.core.annotation.Nullable;

/**
 * The directory search, its WHERE built from the filters given so that the V5 indexes
 * ({@code clinic_id[, archived][, specialty][, stage], last_name, first_name}) serve both the
 * filter and the A–Z order. Run with the platform's {@code Lists}.
 */
public final class PractitionerLists {

    private PractitionerLists() {
    }

    /**
     * Free text matches name, organization and notes with LIKE (the pattern arrives escaped and
     * wrapped in %), which both MariaDB and MySQL run without a full-text index.
     */
    public static ListQuery search(String clinicId, boolean includeArchived, @Nullable String specialty,
                                   @Nullable String stage, @Nullable String tag, @Nullable String text) {
        ListQuery query = ListQuery.from("practitioner p").select("p.*").where("p.clinic_id = ?", clinicId);
        if (!includeArchived) {
            query.where("p.archived = FALSE");
        }
        if (tag != null) {
            query.where("p.id IN (SELECT t.practitioner_id FROM practitioner_tag t WHERE t.clinic_id = ? AND t.tag = ?)",
                    clinicId, tag);
        }
        return query.whereGiven(specialty, "p.specialty = ?")
                .whereGiven(stage, "p.stage = ?")
                .whereGiven(text, "(p.first_name LIKE ? OR p.last_name LIKE ? OR CONCAT(p.first_name, ' ', p.last_name) LIKE ?"
                        + " OR p.organization LIKE ? OR p.notes LIKE ?)")
                .orderBy("p.last_name, p.first_name, p.id");
    }
}
