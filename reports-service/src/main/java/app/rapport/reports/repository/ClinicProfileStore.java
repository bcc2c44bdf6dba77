package app.rapport.reports.repository;

import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.ClinicProfiles;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The local copy of each clinic's profile: one row per clinic, the highest version kept. */
@Singleton
public class ClinicProfileStore implements ClinicProfiles {

    private final Sql sql;

    public ClinicProfileStore(Sql sql) {
        this.sql = sql;
    }

    /** Keeps the newer of the stored and the given profile: a redelivered or late older one changes nothing. */
    @Transactional
    public void upsert(ClinicProfile p) {
        Optional<Integer> stored = sql.query("SELECT version FROM clinic_profile WHERE clinic_id = ? FOR UPDATE",
                rs -> rs.getInt(1), p.clinicId()).stream().findFirst();
        Object[] values = {p.profileId(), p.clinicName(), p.timeZone(), p.locationName(), p.addressLine1(),
                p.addressLine2(), p.city(), p.region(), p.postalCode(), p.country(), p.phone(), p.fax(), p.email(),
                p.logoMediaType(), p.logo(), p.version(), p.clinicId()};
        if (stored.isEmpty()) {
            sql.update("INSERT INTO clinic_profile (profile_id, clinic_name, time_zone, location_name, address_line1, "
                    + "address_line2, city, region, postal_code, country, phone, fax, email, logo_media_type, logo, "
                    + "version, clinic_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
        } else if (p.version() > stored.get()) {
            sql.update("UPDATE clinic_profile SET profile_id = ?, clinic_name = ?, time_zone = ?, location_name = ?, "
                    + "address_line1 = ?, address_line2 = ?, city = ?, region = ?, postal_code = ?, country = ?, "
                    + "phone = ?, fax = ?, email = ?, logo_media_type = ?, logo = ?, version = ? WHERE clinic_id = ?", values);
        }
    }

    @ReadOnly
    @Override
    public Optional<ClinicProfile> find(String clinicId) {
        return sql.query("SELECT * FROM clinic_profile WHERE clinic_id = ?", ClinicProfileStore::map, clinicId)
                .stream().findFirst();
    }

    /** Only the zone: read wherever the service decides a day, so it skips the logo. */
    @ReadOnly
    public Optional<String> timeZone(String clinicId) {
        return sql.query("SELECT time_zone FROM clinic_profile WHERE clinic_id = ?", rs -> rs.getString(1), clinicId)
                .stream().findFirst();
    }

    static ClinicProfile map(ResultSet rs) throws SQLException {
        return new ClinicProfile(rs.getString("clinic_id"), rs.getString("profile_id"), rs.getString("clinic_name"),
                rs.getString("time_zone"), rs.getString("location_name"), rs.getString("address_line1"),
                rs.getString("address_line2"), rs.getString("city"), rs.getString("region"),
                rs.getString("postal_code"), rs.getString("country"), rs.getString("phone"), rs.getString("fax"),
                rs.getString("email"), rs.getString("logo_media_type"), rs.getBytes("logo"), rs.getInt("version"));
    }
}
