package app.rapport.outreach.repository;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A time zone stored as its IANA id ("America/Los_Angeles"). */
@Singleton
public class ZoneColumn implements AttributeConverter<ZoneId, String> {

    @Override
    public String convertToPersistedValue(ZoneId zone, ConversionContext context) {
        return zone == null ? null : zone.getId();
    }

    @Override
    public ZoneId convertToEntityValue(String id, ConversionContext context) {
        try {
            return id == null || id.isBlank() ? null : ZoneId.of(id);
        } catch (DateTimeException e) {
            return null; // a zone this JVM does not know falls back to the configured one
        }
    }
}
