package app.rapport.platform.sample;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/** Payload of the sample event; {@code clinicId} in a payload must never decide the tenant. */
@Serdeable
public record NoteWritten(@NotBlank String noteId, @NotBlank String text, String clinicId) {
}
