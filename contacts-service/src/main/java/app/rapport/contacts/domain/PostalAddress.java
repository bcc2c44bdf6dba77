package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Where handwritten notes and printed reports are mailed; the contract's {@code Address}. */
@Serdeable
public record PostalAddress(@NotBlank @Size(max = 200) String line1,
                            @Nullable @Size(max = 200) String line2,
                            @NotBlank @Size(max = 100) String city,
                            @Nullable @Size(max = 100) String region,
                            @Nullable @Size(max = 20) String postalCode,
                            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as US") String country) {

    /** The partner's mailing address, or null when none was entered. */
    public static @Nullable PostalAddress of(Practitioner p) {
        if (p.getAddressLine1() == null) {
            return null;
        }
        return new PostalAddress(p.getAddressLine1(), p.getAddressLine2(), p.getAddressCity(), p.getAddressRegion(),
                p.getAddressPostalCode(), p.getAddressCountry());
    }
}
