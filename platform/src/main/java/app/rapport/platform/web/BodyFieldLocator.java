package app.rapport.platform.web;

import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds which field of a JSON body could not be read into its record (a wrong type, an unknown
 * enum value), because the JSON reader reports the token but not where it was. Tries each
 * property of the target type on its own and descends into the first one that fails.
 */
@Singleton
public class BodyFieldLocator {

    private final JsonMapper json;

    public BodyFieldLocator(JsonMapper json) {
        this.json = json;
    }

    /** The dotted path of the offending field, e.g. {@code patient.birthDate}. */
    public Optional<String> locate(Argument<?> type, String body) {
        try {
            return locate(type, json.readValue(body, JsonNode.class), "");
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // not JSON at all: there is no field to name
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Optional<String> locate(Argument<?> type, JsonNode node, String prefix) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(type.getType());
        if (introspection.isEmpty()) {
            return Optional.empty();
        }
        for (BeanProperty property : introspection.get().getBeanProperties()) {
            JsonNode value = node.get(property.getName());
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                json.readValueFromTree(value, property.asArgument());
            } catch (IOException | RuntimeException e) {
                String path = prefix + property.getName();
                return locate(property.asArgument(), value, path + ".").or(() -> Optional.of(path));
            }
        }
        // Every known field reads: the body must carry one this endpoint does not take.
        Set<String> known = new HashSet<>();
        for (BeanProperty property : introspection.get().getBeanProperties()) {
            known.add(property.getName());
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (!known.contains(entry.getKey())) {
                return Optional.of(prefix + entry.getKey());
            }
        }
        return Optional.empty();
    }
}
