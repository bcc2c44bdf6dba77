package app.rapport.outreach.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.util.List;

/** ClinicProfileUpdated as outreach reads it: the name, zone and letterhead its letters need, the focus niches. */
@Serdeable
public record InboundClinicProfile(@NotBlank String profileId, @NotBlank String clinicName, @Nullable String timeZone,
                                   @Valid @NotNull Letterhead letterhead, @Nullable List<String> focusNiches,
                                   @NotNull Long version) implements InboundDirectory {

    @Serdeable
    public record Letterhead(@Nullable String locationName, @Nullable InboundPractitioner.Address address,
                             @Nullable String phone, @Nullable String fax, @Nullable String email) {
    }
}
