package app.rapport.referrals.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A referred patient: the minimum needed to reach them and address the progress report. Its id is
 * the opaque {@code patient.reference} consents are matched by. Never log the name or birth date.
 */
@MappedEntity("patient")
public record Patient(@Id String id, String clinicId, String firstName, String lastName, LocalDate birthDate,
                      @Nullable String phone, @Nullable String email, Instant createdAt) {

    @Override
    public String toString() {
        return "Patient[" + id + "]"; // a stray log line must not carry the name or birth date
    }
}
