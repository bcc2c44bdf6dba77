package app.rapport.console.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a posted form into the JSON body a service expects: dotted names become nested objects
 * ({@code patient.firstName} → {@code {"patient": {"firstName": …}}}); fields named as lists are
 * split on commas and new lines; empty fields are left out so the service applies its defaults
 * and names what is missing. Console-only fields ({@code _csrf}, {@code _form}) never go out.
 */
public final class FormJson {

    private FormJson() {
    }

    public static Map<String, Object> body(Map<String, String> form, Set<String> listFields) {
        Map<String, Object> root = new LinkedHashMap<>();
        form.forEach((name, raw) -> {
            if (name.startsWith("_") || name.equals("back")) {
                return;
            }
            String value = raw == null ? "" : raw.trim();
            if (value.isEmpty()) {
                return;
            }
            Object v = listFields.contains(name) ? split(value) : value;
            put(root, name, v);
        });
        return root;
    }

    public static Map<String, Object> body(Map<String, String> form) {
        return body(form, Set.of());
    }

    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        current.put(parts[parts.length - 1], value);
    }

    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        Arrays.stream(value.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
