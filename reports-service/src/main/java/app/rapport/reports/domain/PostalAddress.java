package app.rapport.reports.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;

/** A partner's postal address from the directory snapshot: what the envelope of printed records is addressed to. */
public record PostalAddress(String line1, @Nullable String line2, String city, @Nullable String region,
                            @Nullable String postalCode, @Nullable String country) {

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(line1);
        if (line2 != null && !line2.isBlank()) {
            lines.add(line2);
        }
        lines.add(city + (region == null ? "" : ", " + region) + (postalCode == null ? "" : " " + postalCode)
                + (country == null || "US".equals(country) ? "" : " " + country));
        return lines;
    }
}
