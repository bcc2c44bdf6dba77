package app.rapport.outreach.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Every practitioner event carries the whole snapshot; outreach keeps what it needs of it. */
@Serdeable
public record InboundPractitioner(@Valid @NotNull Snapshot practitioner) implements InboundDirectory {

    @Serdeable
    public record Snapshot(@NotBlank String id, @NotBlank String firstName, @NotBlank String lastName,
                           @Nullable String credentials, @Nullable String npi, @NotBlank String specialty, @Nullable String organization,
                           @Nullable String email, @Nullable String phone, @Nullable Address address,
                           @NotBlank String preferredThankYouChannel, @NotBlank String stage,
                           @NotNull Boolean physician, @NotNull Boolean archived, @NotNull Long version) {
    }

    @Serdeable
    public record Address(@Nullable String line1, @Nullable String line2, @Nullable String city,
                          @Nullable String region, @Nullable String postalCode, @Nullable String country) {

        /** The lines of an envelope. */
        public String printable() {
            StringBuilder b = new StringBuilder();
            append(b, line1);
            append(b, line2);
            String cityLine = (city == null ? "" : city) + (region == null ? "" : ", " + region)
                    + (postalCode == null ? "" : " " + postalCode);
            append(b, cityLine.isBlank() ? null : cityLine.trim());
            return b.toString();
        }

        private static void append(StringBuilder b, String line) {
            if (line != null && !line.isBlank()) {
                if (b.length() > 0) {
                    b.append('\n');
                }
                b.append(line);
            }
        }
    }
}
