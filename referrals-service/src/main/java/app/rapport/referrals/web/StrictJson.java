package app.rapport.referrals.web;

import app.rapport.platform.web.Problem;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds JSON members a record does not declare. The JSON reader ignores them (right for events,
 * where producers may add fields), but an anonymous form must not smuggle in anything unexpected.
 */
final class StrictJson {

    private StrictJson() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void unknownFields(Argument<?> type, JsonNode node, String prefix, List<Problem.FieldError> out) {
        Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(type.getType());
        if (introspection.isEmpty() || node == null || !node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> member : node.entries()) {
            Optional<? extends BeanProperty<?, ?>> property = ((BeanIntrospection) introspection.get())
                    .getProperty(member.getKey());
            if (property.isEmpty()) {
                out.add(new Problem.FieldError(prefix + member.getKey(), "is not a field of this form"));
            } else {
                unknownFields(property.get().asArgument(), member.getValue(), prefix + member.getKey() + ".", out);
            }
        }
    }
}
