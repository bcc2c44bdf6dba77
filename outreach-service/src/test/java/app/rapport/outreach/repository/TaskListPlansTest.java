package app.rapport.outreach.repository;

import app.rapport.outreach.domain.TaskStatus;
import app.rapport.outreach.domain.TaskType;
import app.rapport.platform.testing.QueryPlans;
import app.rapport.platform.testing.Rows;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The task list stays fast as a clinic's tasks pile up: for every combination of its filters
 * (type, status, partner, due by a day, overdue) the database reads the page through an index, in
 * due-date order, over a few thousand tasks of one clinic beside another clinic's.
 */
@MicronautTest(transactional = false)
class TaskListPlansTest extends PlansTestSupport {

    private static final TaskType[] TYPES = TaskType.values();
    private static final TaskStatus[] STATUSES = TaskStatus.values();
    private static final Instant CREATED = Instant.parse("2025-06-02T16:00:00Z");

    TaskListPlansTest() {
        super(100);
    }

    @BeforeAll
    void thousandsOfTasks() {
        seed(clinic, 5000);
        seed(otherClinic, 2000);
    }

    private void seed(String clinicId, int count) {
        Timestamp now = Timestamp.from(CREATED);
        LocalDate start = LocalDate.of(2024, 1, 1);
        Rows.insert(db(), "outreach_task", List.of("id", "clinic_id", "type", "status", "practitioner_id", "channel",
                        "channel_provisional", "due_on", "created_by", "created_at", "updated_at"), count,
                i -> new Object[]{UUID.randomUUID().toString(), clinicId, TYPES[i % TYPES.length].name(),
                        STATUSES[(i / 7) % STATUSES.length].name(), partners[i % partners.length], "EMAIL", false,
                        Date.valueOf(start.plusDays(i % 900)), "tester", now, now});
    }

    @Test
    void everyFilterCombinationOfTheTaskListIsServedByAnIndex() {
        for (TaskType type : new TaskType[]{null, TaskType.THANK_YOU}) {
            for (TaskStatus status : new TaskStatus[]{null, TaskStatus.OPEN}) {
                for (String partner : new String[]{null, partners[3]}) {
                    for (LocalDate dueBy : new LocalDate[]{null, LocalDate.of(2024, 3, 1)}) {
                        for (LocalDate overdueBefore : new LocalDate[]{null, LocalDate.of(2024, 2, 1)}) {
                            QueryPlans.assertServedByIndexes(db(),
                                    "type=" + type + " status=" + status + " partner=" + partner + " due=" + dueBy
                                            + " overdue=" + overdueBefore,
                                    TaskLists.search(clinic, type, status, partner, dueBy, overdueBefore));
                        }
                    }
                }
            }
        }
    }
}
