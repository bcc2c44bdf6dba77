package app.rapport.outreach.repository;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;

/** A short list of phrases (a clinic's focus niches) stored one per line. */
@Singleton
public class LinesColumn implements AttributeConverter<List<String>, String> {

    @Override
    public String convertToPersistedValue(List<String> lines, ConversionContext context) {
        return lines == null ? null : String.join("\n", lines);
    }

    @Override
    public List<String> convertToEntityValue(String lines, ConversionContext context) {
        return lines == null || lines.isBlank() ? List.of()
                : Arrays.stream(lines.split("\n")).filter(s -> !s.isBlank()).toList();
    }
}
