package app.rapport.outreach.repository;

import app.rapport.outreach.domain.Partner;
import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The local copy of the directory, always per clinic: the newest snapshot of each practitioner
 * (see {@link LocalCopy}), and the introductions partners made.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public interface PartnerRepository extends GenericRepository<Partner, Partner.Key>, LocalCopy<Partner> {

    Optional<Partner> findById(Partner.Key key);

    /** The partner as the clinic's directory has them, if their snapshot has arrived. */
    default Optional<Partner> find(String clinicId, String id) {
        return findById(new Partner.Key(clinicId, id));
    }

    /**
     * Locks the partner's row, or the gap where it would go: a snapshot and its successor are
     * applied one after the other, and gifts to one recipient are checked against the cap in turn.
     */
    @Query("SELECT * FROM partner WHERE clinic_id = :clinicId AND id = :id FOR UPDATE")
    Optional<Partner> lock(String clinicId, String id);

    /**
     * Locks every clinic's copy of one physician (by NPI), in one order, so the group's cap is checked in turn.
     *
     * @return the ids locked (only the locks matter)
     */
    @Query("SELECT id FROM partner WHERE npi = :npi ORDER BY clinic_id, id FOR UPDATE")
    List<String> lockNpi(String npi);

    /** Prospects nobody has been asked to reach yet, the longest known first. */
    default List<Partner> uncontactedProspects(String clinicId, int limit) {
        return uncontactedProspects(clinicId).stream().limit(limit).map(UncontactedProspect::partner).toList();
    }

    /** Every prospect nobody has been asked to reach yet, the longest known first, with their introducer. */
    @Query("SELECT p.*, (SELECT i.introduced_by_id FROM introduction i WHERE i.clinic_id = p.clinic_id "
            + "AND i.practitioner_id = p.id ORDER BY i.recorded_at, i.id LIMIT 1) AS introduced_by_id "
            + "FROM partner p WHERE p.clinic_id = :clinicId AND p.stage = 'PROSPECT' "
            + "AND p.archived = FALSE AND NOT EXISTS (SELECT 1 FROM outreach_task t WHERE t.clinic_id = p.clinic_id "
            + "AND t.practitioner_id = p.id AND t.type IN ('NEW_CONTACT', 'INVITATION') AND t.status <> 'SKIPPED') "
            + "ORDER BY p.first_seen_at, p.id")
    List<UncontactedProspect> uncontactedProspects(String clinicId);

    /**
     * A prospect to reach and the partner who introduced them (the first introduction), if any: a
     * partner row and its introducer read in one statement, so the row's columns are listed flat.
     */
    @Introspected
    record UncontactedProspect(String clinicId, String id, String firstName, String lastName,
                               @Nullable String credentials, @Nullable String npi, String specialty,
                               @Nullable String organization, @Nullable String email, @Nullable String phone,
                               @Nullable String postalAddress, String preferredChannel, String stage,
                               boolean physician, boolean archived, long version, Instant firstSeenAt,
                               Instant updatedAt, @Nullable String introducedById) {

        public Partner partner() {
            return new Partner(new Partner.Key(clinicId, id), firstName, lastName, credentials, npi, specialty,
                    organization, email, phone, postalAddress, preferredChannel, stage, physician, archived, version,
                    firstSeenAt, updatedAt);
        }
    }

    /** A partner introduced this practitioner; the same introduction replayed is stored once. */
    @Query("INSERT IGNORE INTO introduction (clinic_id, id, practitioner_id, introduced_by_id, recorded_at) "
            + "VALUES (:clinicId, :introductionId, :practitionerId, :introducedBy, :recordedAt)")
    void recordIntroduction(String clinicId, String introductionId, String practitionerId, String introducedBy,
                            Instant recordedAt);

    /** Every clinic outreach knows of: the scheduled checks run per clinic. */
    @Query("SELECT DISTINCT clinic_id FROM partner")
    List<String> clinics();
}
