package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/**
 * How the clinic presents itself on its letters and reports, kept from contacts-service's
 * ClinicProfileUpdated: the name, the letterhead (main location, address, phone, fax, e-mail),
 * the logo and the time zone its days are counted in.
 */
public record ClinicProfile(String clinicId, String profileId, String clinicName, String timeZone,
                            @Nullable String locationName, String addressLine1, @Nullable String addressLine2,
                            String city, @Nullable String region, @Nullable String postalCode, String country,
                            @Nullable String phone, @Nullable String fax, @Nullable String email,
                            @Nullable String logoMediaType, @Nullable byte[] logo, int version) {

    /** The lines under the clinic's name: location, street, city, and how to reach it. */
    public List<String> letterheadLines() {
        List<String> lines = new ArrayList<>();
        if (locationName != null && !locationName.isBlank()) {
            lines.add(locationName);
        }
        lines.add(addressLine1);
        if (addressLine2 != null && !addressLine2.isBlank()) {
            lines.add(addressLine2);
        }
        lines.add(city + (region == null ? "" : ", " + region) + (postalCode == null ? "" : " " + postalCode)
                + ("US".equals(country) ? "" : " " + country));
        List<String> reach = new ArrayList<>();
        if (phone != null) {
            reach.add("Phone " + phone);
        }
        if (fax != null) {
            reach.add("Fax " + fax);
        }
        if (email != null) {
            reach.add(email);
        }
        if (!reach.isEmpty()) {
            lines.add(String.join("  |  ", reach));
        }
        return lines;
    }

    @Override
    public String toString() {
        return "ClinicProfile[" + clinicId + " v" + version + "]";
    }
}
