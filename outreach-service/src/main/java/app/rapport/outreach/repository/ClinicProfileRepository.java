package app.rapport.outreach.repository;

import app.rapport.outreach.domain.ClinicProfile;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The clinic's profile, one row per clinic, the highest version kept. */
@Singleton
public class ClinicProfileRepository {

    private static final String COLUMNS = "clinic_id, clinic_name, time_zone, location_name, postal_address, phone, fax, "
            + "email, focus_niches, version";

    private final Jdbc jdbc;

    public ClinicProfileRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when stored; false when the stored profile is as new or newer (a replay) */
    public boolean upsertIfNewer(ClinicProfile p, Instant now) {
        // The SET list is evaluated left to right: version is compared before it changes.
        String newer = "VALUES(version) > version";
        StringBuilder set = new StringBuilder();
        for (String column : List.of("clinic_name", "time_zone", "location_name", "postal_address", "phone", "fax",
                "email", "focus_niches", "updated_at")) {
            set.append(column).append(" = IF(").append(newer).append(", VALUES(").append(column).append("), ")
                    .append(column).append("), ");
        }
        return jdbc.update("INSERT INTO clinic_profile (" + COLUMNS + ", updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE " + set + "version = GREATEST(version, VALUES(version))",
                p.clinicId(), p.clinicName(), p.zone() == null ? null : p.zone().getId(), p.locationName(),
                p.postalAddress(), p.phone(), p.fax(), p.email(), String.join("\n", p.focusNiches()), p.version(),
                now) > 0;
    }

    public Optional<ClinicProfile> find(String clinicId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM clinic_profile WHERE clinic_id = ?", rs -> new ClinicProfile(
                rs.getString(1), rs.getString(2), zone(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), niches(rs.getString(9)), rs.getLong(10)),
                clinicId).stream().findFirst();
    }

    private static ZoneId zone(String id) {
        try {
            return id == null || id.isBlank() ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null; // an unknown zone falls back to the configured one
        }
    }

    private static List<String> niches(String lines) {
        return lines == null || lines.isBlank() ? List.of() : Arrays.stream(lines.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
