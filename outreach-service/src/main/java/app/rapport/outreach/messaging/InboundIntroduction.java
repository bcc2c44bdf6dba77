package app.rapport.outreach.messaging;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** IntroductionRecorded: a partner introduced a practitioner (usually a new prospect) to the clinic. */
@Serdeable
public record InboundIntroduction(@NotBlank String introductionId, @NotBlank String practitionerId,
                                  @NotBlank String introducedByPractitionerId, @Nullable String note,
                                  @NotNull Instant recordedAt) implements InboundDirectory {
}
