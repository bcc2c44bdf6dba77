package app.rapport.reports.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** ClinicProfileUpdated (contacts.practitioners.v1): what letters need to speak for the clinic. */
public final class InboundClinicProfile {

    private InboundClinicProfile() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(@NotBlank String line1, @Nullable String line2, @NotBlank String city,
                          @Nullable String region, @Nullable String postalCode,
                          @NotBlank @Pattern(regexp = "^[A-Z]{2}$") String country) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Letterhead(@Nullable String locationName, @NotNull @Valid Address address, @Nullable String phone,
                             @Nullable String fax, @Nullable String email) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Logo(@NotBlank @Pattern(regexp = "^image/(png|jpeg)$") String mediaType,
                       @NotBlank @Size(max = 87384) String base64) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ClinicProfileUpdated(@NotBlank @Pattern(regexp = InboundReferrals.UUID) String profileId,
                                       @NotBlank @Size(max = 200) String clinicName,
                                       @NotBlank @Size(max = 64) String timeZone,
                                       @NotNull @Valid Letterhead letterhead, @Nullable @Valid Logo logo,
                                       @NotNull @Min(1) Integer version) {
    }
}
