package app.rapport.outreach.repository;

import app.rapport.outreach.domain.WeeklyTarget;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** A clinic's own weekly target of new practitioners contacted, when it set one; versioned (see {@link VersionedSettings}). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface WeeklyGoalRepository extends GenericRepository<WeeklyTarget, String> {

    /** The clinic's own target; empty while it uses the default. */
    Optional<Integer> findTargetByClinicId(String clinicId);

    Optional<Long> findVersionByClinicId(String clinicId);

    /** The version of the clinic's own target; 0 while it uses the default. */
    default long version(String clinicId) {
        return findVersionByClinicId(clinicId).orElse(0L);
    }

    /**
     * Sets the clinic's own target.
     *
     * @param expected the version the person saw (If-Match); see {@link VersionedSettings#write}
     * @return false when {@code expected} is not the current version: nothing was written
     */
    default boolean setTarget(String clinicId, int target, String user, Instant now, OptionalLong expected) {
        return VersionedSettings.write(expected,
                () -> upsert(clinicId, target, user, now),
                () -> insertIfAbsent(clinicId, target, user, now),
                version -> updateOver(clinicId, target, user, now, version));
    }

    /** Writes the target whatever is there: the first version, or the next. */
    @Query("INSERT INTO weekly_goal (clinic_id, target, updated_by, updated_at, version) "
            + "VALUES (:clinicId, :target, :updatedBy, :updatedAt, 1) ON DUPLICATE KEY UPDATE "
            + "target = VALUES(target), updated_by = VALUES(updated_by), updated_at = VALUES(updated_at), "
            + "version = version + 1")
    long upsert(String clinicId, int target, String updatedBy, Instant updatedAt);

    /** Writes the first version; 0 rows when the clinic already set its own. */
    @Query("INSERT IGNORE INTO weekly_goal (clinic_id, target, updated_by, updated_at, version) "
            + "VALUES (:clinicId, :target, :updatedBy, :updatedAt, 1)")
    long insertIfAbsent(String clinicId, int target, String updatedBy, Instant updatedAt);

    /** Writes the next version over {@code version}; 0 rows when the row holds another one (or none). */
    @Query("UPDATE weekly_goal SET target = :target, updated_by = :updatedBy, updated_at = :updatedAt, "
            + "version = version + 1 WHERE clinic_id = :clinicId AND version = :version")
    long updateOver(String clinicId, int target, String updatedBy, Instant updatedAt, long version);
}
