package app.rapport.reports.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.List;

/** The practitioner snapshot every contacts.practitioners.v1 event carries; the rest is not needed here. */
public final class InboundDirectory {

    private InboundDirectory() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    /** A list left out means the defaults (reports: INITIAL and DISCHARGE; status updates: all five); [] means none. */
    public record ReportPreferences(@Nullable List<String> reports, @Nullable List<String> statusUpdates,
                                    @Nullable Integer everyVisits, @Nullable Integer everyWeeks,
                                    @Nullable String channel) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(@NotBlank String line1, @Nullable String line2, @NotBlank String city,
                          @Nullable String region, @Nullable String postalCode, @Nullable String country) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Snapshot(@NotBlank @Pattern(regexp = InboundReferrals.UUID) String id, @NotBlank String firstName,
                           @NotBlank String lastName, @Nullable String credentials, @NotBlank String specialty,
                           @Nullable String organization, @Nullable String email, @Nullable String fax,
                           @Nullable @Valid Address address, @Nullable @Valid ReportPreferences reportPreferences, @NotNull Boolean archived,
                           @NotNull Integer version) {
    }

    /** PractitionerRegistered, -Updated, -StageChanged and -Archived all carry {@code practitioner}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PractitionerEvent(@NotNull @Valid Snapshot practitioner) {
    }
}
