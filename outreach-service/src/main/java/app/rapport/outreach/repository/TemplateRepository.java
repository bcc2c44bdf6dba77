package app.rapport.outreach.repository;

import app.rapport.outreach.domain.ClinicWording;
import app.rapport.outreach.domain.MessageTemplate;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** Each clinic's own wording of thank-you and invitation messages, versioned (see {@link VersionedSettings}). */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface TemplateRepository extends GenericRepository<ClinicWording, ClinicWording.Key> {

    Optional<ClinicWording> findById(ClinicWording.Key key);

    Optional<Long> findVersionById(ClinicWording.Key key);

    /** The clinic's own wording of a kind; empty while it uses the built-in one. */
    default Optional<MessageTemplate> find(String clinicId, MessageTemplate.Kind kind) {
        return findById(new ClinicWording.Key(clinicId, kind)).map(ClinicWording::template);
    }

    /** The version of the clinic's own wording of a kind; 0 while it uses the built-in one. */
    default long version(String clinicId, MessageTemplate.Kind kind) {
        return findVersionById(new ClinicWording.Key(clinicId, kind)).orElse(0L);
    }

    /**
     * Saves the clinic's wording of {@code template}'s kind.
     *
     * @param expected the version the person saw (If-Match); see {@link VersionedSettings#write}
     * @return false when {@code expected} is not the current version: nothing was written
     */
    default boolean save(String clinicId, MessageTemplate template, String user, Instant now, OptionalLong expected) {
        String kind = template.kind().name();
        return VersionedSettings.write(expected,
                () -> upsert(clinicId, kind, template.subject(), template.body(), user, now),
                () -> insertIfAbsent(clinicId, kind, template.subject(), template.body(), user, now),
                version -> updateOver(clinicId, kind, template.subject(), template.body(), user, now, version));
    }

    /** Writes the wording whatever is there: the first version, or the next. */
    @Query("INSERT INTO message_template (clinic_id, kind, subject, body, updated_by, updated_at, version) "
            + "VALUES (:clinicId, :kind, :subject, :body, :updatedBy, :updatedAt, 1) ON DUPLICATE KEY UPDATE "
            + "subject = VALUES(subject), body = VALUES(body), updated_by = VALUES(updated_by), "
            + "updated_at = VALUES(updated_at), version = version + 1")
    long upsert(String clinicId, String kind, String subject, String body, String updatedBy, Instant updatedAt);

    /** Writes the first version; 0 rows when the clinic already saved its own. */
    @Query("INSERT IGNORE INTO message_template (clinic_id, kind, subject, body, updated_by, updated_at, version) "
            + "VALUES (:clinicId, :kind, :subject, :body, :updatedBy, :updatedAt, 1)")
    long insertIfAbsent(String clinicId, String kind, String subject, String body, String updatedBy, Instant updatedAt);

    /** Writes the next version over {@code version}; 0 rows when the row holds another one (or none). */
    @Query("UPDATE message_template SET subject = :subject, body = :body, updated_by = :updatedBy, "
            + "updated_at = :updatedAt, version = version + 1 WHERE clinic_id = :clinicId AND kind = :kind "
            + "AND version = :version")
    long updateOver(String clinicId, String kind, String subject, String body, String updatedBy, Instant updatedAt,
                    long version);
}
