package app.rapport.outreach.domain;

import app.rapport.outreach.repository.LinesColumn;
import app.rapport.outreach.repository.ZoneColumn;
import app.rapport.platform.persistence.LocalCopy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The clinic as its letters present it, from contacts-service's ClinicProfileUpdated: its name,
 * time zone, letterhead and the patients it most wants referred (focus niches). The local copy keeps
 * the highest version per clinic.
 *
 * @param updatedAt when outreach stored this version; null before the profile arrives
 */
@MappedEntity("clinic_profile")
public record ClinicProfile(@Id String clinicId, String clinicName,
                            @Nullable @MappedProperty(value = "time_zone", converter = ZoneColumn.class,
                                    converterPersistedType = String.class) ZoneId zone,
                            @Nullable String locationName, @Nullable String postalAddress, @Nullable String phone,
                            @Nullable String fax, @Nullable String email,
                            @MappedProperty(value = "focus_niches", converter = LinesColumn.class,
                                    converterPersistedType = String.class) List<String> focusNiches,
                            long version, @Nullable Instant updatedAt) implements LocalCopy.Snapshot<ClinicProfile> {

    /** How wording names a clinic whose profile has not arrived yet: "Your colleagues at the clinic". */
    public static final String UNNAMED = "the clinic";

    /** Before the profile arrives: no name, no letterhead, no niches. */
    public static ClinicProfile unknown(String clinicId) {
        return new ClinicProfile(clinicId, UNNAMED, null, null, null, null, null, null, List.of(), 0, null);
    }

    public boolean known() {
        return version > 0;
    }

    /** The letterhead's lines: name (and location), address, phone; empty before the profile arrives. */
    public String letterhead() {
        if (!known()) {
            return "";
        }
        StringBuilder b = new StringBuilder(clinicName);
        if (locationName != null && !locationName.isBlank()) {
            b.append(" — ").append(locationName);
        }
        if (postalAddress != null && !postalAddress.isBlank()) {
            b.append('\n').append(postalAddress);
        }
        if (phone != null) {
            b.append('\n').append("Phone ").append(phone);
        }
        if (fax != null) {
            b.append(phone == null ? "\n" : " · ").append("Fax ").append(fax);
        }
        return b.toString();
    }
}
