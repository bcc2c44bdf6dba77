package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

/**
 * What the clinic tells its partners about itself so that referring is easy: what it treats, how
 * patients pay, which plans it takes, where and when, and how to send a patient. The referral
 * packet, the cover letter and every other letter's letterhead are printed from it, dated in its
 * {@code timeZone}.
 */
@Serdeable
public record ClinicProfile(@NotBlank @Size(max = 200) String clinicName,
                            @Nullable @Size(max = 1000) String introduction,
                            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 300) String> servicesOffered,
                            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> focusNiches,
                            @Nullable @Size(max = 30) List<@NotBlank @Size(max = 500) String> paymentPolicies,
                            @Nullable @Size(max = 100) List<@NotBlank @Size(max = 200) String> insurancePlansAccepted,
                            @NotEmpty @Size(max = 20) List<@NotNull @Valid Location> locations,
                            @NotBlank @Size(max = 4000) String howToRefer,
                            @Nullable @Size(max = 64) String timeZone,
                            @Nullable @Valid Logo logo,
                            @Nullable @Schema(accessMode = Schema.AccessMode.READ_ONLY,
                                    description = "Rises with every change; set by the service") Integer version) {

    /** The location printed at the top of letters: the first one, the clinic's main site. */
    public Letterhead letterhead() {
        return Letterhead.of(locations.get(0));
    }

    /** The same profile as the service keeps it: normalised, its time zone resolved and its version set. */
    public ClinicProfile with(List<Location> normalisedLocations, String zone, @Nullable Logo checkedLogo,
                              @Nullable Integer newVersion) {
        return new ClinicProfile(clinicName, introduction, servicesOffered, focusNiches, paymentPolicies,
                insurancePlansAccepted, normalisedLocations, howToRefer, zone, checkedLogo, newVersion);
    }

    /**
     * The clinic's logo for letterheads, PNG or JPEG of at most 64 KiB (checked when the profile is
     * saved, with the bytes themselves: the media type alone proves nothing).
     */
    @Serdeable
    public record Logo(@NotBlank String mediaType, @NotBlank String base64) {
    }

    /** A site of the clinic; phone and fax are stored in E.164. */
    @Serdeable
    public record Location(@NotBlank @Size(max = 200) String name,
                           @NotNull @Valid PostalAddress address,
                           @Nullable @Size(max = 40) String phone,
                           @Nullable @Size(max = 40) String fax,
                           @Nullable @Email @Size(max = 254) String email,
                           @Nullable @Size(max = 21) List<@NotNull @Valid OpeningHours> hours) {
    }

    /** One opening span of a day; a day with a lunch break has two. */
    @Serdeable
    public record OpeningHours(@NotNull DayOfWeek day, @NotNull LocalTime opens, @NotNull LocalTime closes) {
    }
}
