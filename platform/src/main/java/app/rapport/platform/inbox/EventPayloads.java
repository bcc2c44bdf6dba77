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
            throw new PoisonEventException(event.type() + " payload is not valid JSON for " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
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
