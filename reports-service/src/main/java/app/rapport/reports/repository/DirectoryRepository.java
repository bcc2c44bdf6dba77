package app.rapport.reports.repository;

import app.rapport.platform.inbox.BatchMemo;
import app.rapport.platform.persistence.LocalCopy;
import app.rapport.reports.domain.Practitioner;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;

/** The local copy of the clinic's practitioner directory: the newest snapshot of each recipient. */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface DirectoryRepository extends GenericRepository<DirectoryEntry, DirectoryKey>, LocalCopy<DirectoryEntry> {

    /**
     * The recipient's copy. On a consumer's path it is read once per batch (a poll names a handful
     * of partners); the copy itself changes only through the directory topic's own consumer.
     */
    default Optional<Practitioner> find(String clinicId, String practitionerId) {
        return BatchMemo.remember(List.of("practitioner", clinicId, practitionerId),
                () -> findEntry(clinicId, practitionerId).map(DirectoryEntry::practitioner));
    }

    /** Written out rather than derived: queueing a received referral reads it, and bench/ replays that path's SQL. */
    @Query(value = "SELECT * FROM practitioner WHERE clinic_id = :clinicId AND id = :practitionerId", nativeQuery = true)
    Optional<DirectoryEntry> findEntry(String clinicId, String practitionerId);

    /** Locks the row (or the gap where it would go) so a snapshot and its successor cannot interleave. */
    @Query(value = "SELECT * FROM practitioner WHERE clinic_id = :clinicId AND id = :practitionerId FOR UPDATE",
            nativeQuery = true)
    Optional<DirectoryEntry> lock(String clinicId, String practitionerId);
}
