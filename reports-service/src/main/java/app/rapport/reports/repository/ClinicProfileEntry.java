package app.rapport.reports.repository;

import app.rapport.platform.persistence.LocalCopy;
import app.rapport.reports.domain.ClinicProfile;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

/** The {@code clinic_profile} row: one per clinic, the newest profile contacts-service announced. */
@MappedEntity("clinic_profile")
public record ClinicProfileEntry(@Id String clinicId, String profileId, String clinicName, String timeZone,
                                 @Nullable String locationName,
                                 @MappedProperty("address_line1") String addressLine1,
                                 @Nullable @MappedProperty("address_line2") String addressLine2,
                                 String city, @Nullable String region, @Nullable String postalCode, String country,
                                 @Nullable String phone, @Nullable String fax, @Nullable String email,
                                 @Nullable String logoMediaType, @Nullable byte[] logo, long version)
        implements LocalCopy.Snapshot<ClinicProfileEntry> {

    public static ClinicProfileEntry of(ClinicProfile p) {
        return new ClinicProfileEntry(p.clinicId(), p.profileId(), p.clinicName(), p.timeZone(), p.locationName(),
                p.addressLine1(), p.addressLine2(), p.city(), p.region(), p.postalCode(), p.country(), p.phone(),
                p.fax(), p.email(), p.logoMediaType(), p.logo(), p.version());
    }

    public ClinicProfile profile() {
        return new ClinicProfile(clinicId, profileId, clinicName, timeZone, locationName, addressLine1, addressLine2,
                city, region, postalCode, country, phone, fax, email, logoMediaType, logo, (int) version);
    }

    @Override
    public String toString() {
        return "ClinicProfileEntry[" + clinicId + " v" + version + "]";
    }
}
