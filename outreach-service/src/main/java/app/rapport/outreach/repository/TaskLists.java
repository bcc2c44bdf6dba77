package app.rapport.outreach.repository;

import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.platform.persistence.ListQuery;
import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * The task list, its WHERE built from the filters given, so that the V5 indexes (type, status
 * and partner as given, then {@code due_on, created_at}) serve both the filter and the order.
 * Run with the platform's {@code Lists}.
 */
public final class TaskLists {

    private TaskLists() {
    }

    /** {@code overdueBefore}: the clinic's today, for tasks still to do whose day has passed. */
    public static ListQuery search(String clinicId, @Nullable TaskType type, @Nullable TaskStatus status,
                                   @Nullable String practitionerId, @Nullable LocalDate dueBy,
                                   @Nullable LocalDate overdueBefore) {
        ListQuery query = ListQuery.from("outreach_task t").select("t.*").where("t.clinic_id = ?", clinicId)
                .whereGiven(type, "t.type = ?")
                .whereGiven(status, "t.status = ?")
                .whereGiven(practitionerId, "t.practitioner_id = ?")
                .whereGiven(dueBy, "t.due_on <= ?");
        if (overdueBefore != null) {
            query.where("t.due_on < ?", overdueBefore);
            if (status == null) {
                query.where("t.status IN (?)", List.of(TaskStatus.PROPOSED, TaskStatus.OPEN));
            } else if (status != TaskStatus.PROPOSED && status != TaskStatus.OPEN) {
                // done or skipped tasks are never overdue
                query.where("FALSE");
            }
        }
        return query.orderBy("t.due_on, t.created_at, t.id");
    }
}
