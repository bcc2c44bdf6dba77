package app.rapport.outreach.repository;

import app.rapport.outreach.domain.Partner;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The local copy of the directory, always per clinic. */
@Singleton
public class PartnerRepository {

    private static final String COLUMNS = "clinic_id, id, first_name, last_name, credentials, npi, specialty, organization, "
            + "email, phone, postal_address, preferred_channel, stage, physician, archived, version, first_seen_at";

    private final Jdbc jdbc;

    public PartnerRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the snapshot unless the stored one is as new or newer (events of one practitioner are
     * ordered, but a replay may bring an old one back).
     *
     * @return true when the snapshot was stored
     */
    public boolean upsertIfNewer(Partner p, Instant now) {
        // MySQL/MariaDB evaluate the SET list left to right, so `version` must be compared before it changes.
        int changed = jdbc.update("INSERT INTO partner (" + COLUMNS + ", updated_at) VALUES "
                        + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                        + "first_name = IF(VALUES(version) > version, VALUES(first_name), first_name), "
                        + "last_name = IF(VALUES(version) > version, VALUES(last_name), last_name), "
                        + "credentials = IF(VALUES(version) > version, VALUES(credentials), credentials), "
                        + "npi = IF(VALUES(version) > version, VALUES(npi), npi), "
                        + "specialty = IF(VALUES(version) > version, VALUES(specialty), specialty), "
                        + "organization = IF(VALUES(version) > version, VALUES(organization), organization), "
                        + "email = IF(VALUES(version) > version, VALUES(email), email), "
                        + "phone = IF(VALUES(version) > version, VALUES(phone), phone), "
                        + "postal_address = IF(VALUES(version) > version, VALUES(postal_address), postal_address), "
                        + "preferred_channel = IF(VALUES(version) > version, VALUES(preferred_channel), preferred_channel), "
                        + "stage = IF(VALUES(version) > version, VALUES(stage), stage), "
                        + "physician = IF(VALUES(version) > version, VALUES(physician), physician), "
                        + "archived = IF(VALUES(version) > version, VALUES(archived), archived), "
                        + "updated_at = IF(VALUES(version) > version, VALUES(updated_at), updated_at), "
                        + "version = GREATEST(version, VALUES(version))",
                p.clinicId(), p.id(), p.firstName(), p.lastName(), p.credentials(), p.npi(), p.specialty(), p.organization(),
                p.email(), p.phone(), p.postalAddress(), p.preferredChannel(), p.stage(), p.physician(), p.archived(),
                p.version(), now, now);
        // 1 = inserted, 2 = updated, 0 = unchanged (older or same snapshot)
        return changed > 0;
    }

    public Optional<Partner> find(String clinicId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM partner WHERE clinic_id = ? AND id = ?", PartnerRepository::map,
                clinicId, id).stream().findFirst();
    }

    /** Locks the partner's row: gifts to one recipient are checked against the cap one at a time. */
    public Optional<Partner> lock(String clinicId, String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM partner WHERE clinic_id = ? AND id = ? FOR UPDATE",
                PartnerRepository::map, clinicId, id).stream().findFirst();
    }

    /** A prospect to reach and the partner who introduced them (the first introduction), if any. */
    public record UncontactedProspect(Partner partner, String introducedById) {
    }

    /** Locks every clinic's copy of one physician (by NPI), in one order, so the group's cap is checked in turn. */
    public void lockNpi(String npi) {
        jdbc.query("SELECT id FROM partner WHERE npi = ? ORDER BY clinic_id, id FOR UPDATE", rs -> rs.getString(1), npi);
    }

    /** Prospects nobody has been asked to reach yet, the longest known first. */
    public List<Partner> uncontactedProspects(String clinicId, int limit) {
        return uncontactedProspects(clinicId).stream().limit(limit).map(UncontactedProspect::partner).toList();
    }

    /** Every prospect nobody has been asked to reach yet, the longest known first, with their introducer. */
    public List<UncontactedProspect> uncontactedProspects(String clinicId) {
        String columns = java.util.Arrays.stream(COLUMNS.split(", ")).map(c -> "p." + c)
                .collect(java.util.stream.Collectors.joining(", "));
        return jdbc.query("SELECT " + columns + ", (SELECT i.introduced_by_id FROM introduction i WHERE i.clinic_id = p.clinic_id "
                        + "AND i.practitioner_id = p.id ORDER BY i.recorded_at, i.id LIMIT 1) "
                        + "FROM partner p WHERE p.clinic_id = ? AND p.stage = 'PROSPECT' "
                        + "AND p.archived = FALSE AND NOT EXISTS (SELECT 1 FROM outreach_task t WHERE t.clinic_id = p.clinic_id "
                        + "AND t.practitioner_id = p.id AND t.type IN ('NEW_CONTACT', 'INVITATION') AND t.status <> 'SKIPPED') "
                        + "ORDER BY p.first_seen_at, p.id",
                rs -> new UncontactedProspect(map(rs), rs.getString(18)), clinicId);
    }

    /** A partner introduced this practitioner; the same introduction replayed is stored once. */
    public void recordIntroduction(String clinicId, String introductionId, String practitionerId, String introducedBy,
                                   Instant recordedAt) {
        jdbc.update("INSERT IGNORE INTO introduction (clinic_id, id, practitioner_id, introduced_by_id, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?)", clinicId, introductionId, practitionerId, introducedBy, recordedAt);
    }

    /** Every clinic outreach knows of: the scheduled checks run per clinic. */
    public List<String> clinics() {
        return jdbc.query("SELECT DISTINCT clinic_id FROM partner", rs -> rs.getString(1));
    }

    private static Partner map(ResultSet rs) throws SQLException {
        return new Partner(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13), rs.getBoolean(14), rs.getBoolean(15), rs.getLong(16),
                rs.getTimestamp(17).toInstant());
    }
}
