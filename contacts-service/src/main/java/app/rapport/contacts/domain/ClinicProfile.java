package app.rapport.contacts.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
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
 * packet is printed from it.
 */
@Serdeable
public record ClinicProfile(@NotBlank @Size(max = 200) String clinicName,
                            @Nullable @Size(max = 1000) String introduction,
                            @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 300) String> servicesOffered,
                            @Nullable @Size(max = 20) List<@NotBlank @Size(max = 100) String> focusNiches,
                            @Nullable @Size(max = 30) List<@NotBlank @Size(max = 500) String> paymentPolicies,
                            @Nullable @Size(max = 100) List<@NotBlank @Size(max = 200) String> insurancePlansAccepted,
                            @NotEmpty @Size(max = 20) List<@NotNull @Valid Location> locations,
                            @NotBlank @Size(max = 4000) String howToRefer) {

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
