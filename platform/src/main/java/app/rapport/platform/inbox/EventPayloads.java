package app.rapport.platform.inbox;

import app.rapport.platform.events.EventEnvelope;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads an event's JSON payload into its record; a payload that does not fit is poison. */
@Singleton
public class EventPayloads {

    private final JsonMapper json;
    private final Validator validator;

    public EventPayloads(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    public <T> T read(EventEnvelope event, Class<T> type) {
        T payload;
        try {
            payload = json.readValue(event.payload(), type);
        } catch (IOException | RuntimeException e) {
            // The reader's message can quote payload values (patient data): keep only its kind.
            throw new PoisonEventException(event.type() + " payload cannot be read as " + type.getSimpleName()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (payload == null) {
            throw new PoisonEventException(event.type() + " payload is empty");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(payload);
        if (!violations.isEmpty()) {
            throw new PoisonEventException(event.type() + " payload is invalid: " + violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining(", ")));
        }
        return payload;
    }
}
