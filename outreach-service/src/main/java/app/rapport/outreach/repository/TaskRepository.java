package app.rapport.outreach.repository;

import app.rapport.outreach.domain.OutreachTask;
import app.rapport.outreach.domain.TaskType;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
public interface TaskRepository extends GenericRepository<OutreachTask, String> {

    OutreachTask save(OutreachTask task);

    OutreachTask update(OutreachTask task);

    Optional<OutreachTask> findByIdAndClinicId(String id, String clinicId);

    /** The task, locked until the transaction ends, so two people cannot both complete it. */
    @Query("SELECT * FROM outreach_task WHERE id = :id AND clinic_id = :clinicId FOR UPDATE")
    Optional<OutreachTask> lock(String id, String clinicId);

    /**
     * The partner's preferred channel replaces a default one, and nothing else changes: a task a
     * person completed or skipped meanwhile stays as they left it (only still-provisional open tasks move).
     */
    @Query("UPDATE outreach_task SET channel = :channel, channel_provisional = FALSE, updated_at = :at, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND channel_provisional = TRUE AND status IN ('PROPOSED', 'OPEN')")
    long settleChannel(String id, String clinicId, String channel, Instant at);

    /** Claims an open task for delivery at the version the caller read; 0 rows: someone else moved it first. */
    @Query("UPDATE outreach_task SET delivered_at = :at, updated_at = :at, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND version = :version AND status = 'OPEN'")
    long claimDelivery(String id, String clinicId, long version, Instant at);

    /** Gives a claim back after a failed delivery, unless the task moved on since. */
    @Query("UPDATE outreach_task SET delivered_at = :previous, version = version + 1 "
            + "WHERE id = :id AND clinic_id = :clinicId AND version = :claimed")
    long releaseDelivery(String id, String clinicId, long claimed, @Nullable Instant previous);

    /**
     * A rule's task, unless the clinic already has one for its occasion: one round trip guarded by
     * the unique (clinic_id, dedupe_key) instead of a look-up and an insert. IGNORE would also
     * truncate an over-long value instead of failing, so {@code TaskPlanner} checks lengths first.
     *
     * @return 1 when inserted, 0 when the occasion already has its task
     */
    @Query("INSERT IGNORE INTO outreach_task (id, clinic_id, type, status, practitioner_id, referral_id, channel, "
            + "channel_provisional, due_on, rule, dedupe_key, note, created_by, created_at, updated_at, version) "
            + "VALUES (:id, :clinicId, :type, :status, :practitionerId, :referralId, :channel, :channelProvisional, "
            + ":dueOn, :rule, :dedupeKey, :note, :createdBy, :createdAt, :updatedAt, 0)")
    long insertUnlessPlanned(String id, String clinicId, String type, String status, String practitionerId,
                            @Nullable String referralId, String channel, boolean channelProvisional, LocalDate dueOn,
                            String rule, String dedupeKey, @Nullable String note, String createdBy, Instant createdAt,
                            Instant updatedAt);

    /** Open thank-yous whose channel was a default, waiting for the partner's preference. */
    @Query("SELECT * FROM outreach_task WHERE clinic_id = :clinicId AND practitioner_id = :practitionerId "
            + "AND channel_provisional = TRUE AND status IN ('PROPOSED', 'OPEN') ORDER BY created_at")
    List<OutreachTask> provisionalChannel(String clinicId, String practitionerId);

    List<OutreachTask> findByClinicIdAndPractitionerIdAndType(String clinicId, String practitionerId, TaskType type);

    /** NEW_CONTACT tasks done between two instants: the weekly goal's progress. */
    @Query("SELECT * FROM outreach_task WHERE clinic_id = :clinicId AND type = 'NEW_CONTACT' AND status = 'DONE' "
            + "AND completed_at >= :from AND completed_at < :to")
    List<OutreachTask> newContactsDone(String clinicId, Instant from, Instant to);

    @Query("SELECT COUNT(*) FROM outreach_task WHERE clinic_id = :clinicId AND type = 'NEW_CONTACT' "
            + "AND status IN ('PROPOSED', 'OPEN')")
    long countOpenNewContacts(String clinicId);
}
