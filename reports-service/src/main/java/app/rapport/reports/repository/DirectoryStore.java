package app.rapport.reports.repository;

import app.rapport.reports.domain.PostalAddress;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReportChannel;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The local copy of the clinic's practitioner directory. */
@Singleton
public class DirectoryStore {

    private final Sql sql;

    public DirectoryStore(Sql sql) {
        this.sql = sql;
    }

    /** Keeps the newer of the stored and the given snapshot: events may arrive replayed or late. */
    @Transactional
    public void upsert(Practitioner p) {
        Optional<Integer> stored = sql.query("SELECT version FROM practitioner WHERE clinic_id = ? AND id = ? FOR UPDATE",
                rs -> rs.getInt(1), p.clinicId(), p.id()).stream().findFirst();
        PostalAddress a = p.address();
        Object[] values = {p.firstName(), p.lastName(), p.credentials(), p.specialty(), p.organization(), p.email(),
                p.fax(), p.hasReportPreferences(), p.reportTypes(), p.everyVisits(), p.everyWeeks(), p.reportChannel(),
                p.archived(), p.version(), p.statusUpdates(), a == null ? null : a.line1(), a == null ? null : a.line2(),
                a == null ? null : a.city(), a == null ? null : a.region(), a == null ? null : a.postalCode(),
                a == null ? null : a.country(), p.clinicId(), p.id()};
        if (stored.isEmpty()) {
            sql.update("INSERT INTO practitioner (first_name, last_name, credentials, specialty, organization, email, fax, "
                    + "has_report_preferences, report_types, every_visits, every_weeks, report_channel, archived, version, "
                    + "status_updates, address_line1, address_line2, city, region, postal_code, country, clinic_id, id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        } else if (p.version() > stored.get()) {
            sql.update("UPDATE practitioner SET first_name = ?, last_name = ?, credentials = ?, specialty = ?, organization = ?, "
                    + "email = ?, fax = ?, has_report_preferences = ?, report_types = ?, every_visits = ?, every_weeks = ?, "
                    + "report_channel = ?, archived = ?, version = ?, status_updates = ?, address_line1 = ?, "
                    + "address_line2 = ?, city = ?, region = ?, postal_code = ?, country = ? WHERE clinic_id = ? AND id = ?",
                    values);
        }
    }

    @ReadOnly
    public Optional<Practitioner> find(String clinicId, String id) {
        return sql.query("SELECT * FROM practitioner WHERE clinic_id = ? AND id = ?", DirectoryStore::map, clinicId, id)
                .stream().findFirst();
    }

    static Practitioner map(ResultSet rs) throws SQLException {
        String channel = rs.getString("report_channel");
        return new Practitioner(rs.getString("clinic_id"), rs.getString("id"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("credentials"), rs.getString("specialty"),
                rs.getString("organization"), rs.getString("email"), rs.getString("fax"),
                rs.getBoolean("has_report_preferences"), rs.getString("report_types"),
                Sql.integer(rs, "every_visits"), Sql.integer(rs, "every_weeks"),
                channel == null ? null : ReportChannel.valueOf(channel), rs.getBoolean("archived"),
                rs.getInt("version"), rs.getString("status_updates"), rs.getString("address_line1") == null ? null
                : new PostalAddress(rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("city"),
                        rs.getString("region"), rs.getString("postal_code"), rs.getString("country")));
    }
}
