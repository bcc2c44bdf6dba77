package app.rapport.console.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a posted form into the JSON body a service expects: dotted names become nested objects
 * ({@code patient.firstName} → {@code {"patient": {"firstName": …}}}), indexed names lists of them
 * ({@code locations[0].name} → {@code {"locations": [{"name": …}]}}, an entry left all empty is no
 * entry, so a form may offer a blank row to add one); fields named as lists are
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
        return asLists(root);
    }

    public static Map<String, Object> body(Map<String, String> form) {
        return body(form, Set.of());
    }

    /** The entries of an indexed name while the form is read, in index order. */
    private static final class Indexed extends TreeMap<Integer, Object> {
    }

    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d{1,3})]");

    /** Sets {@code value} at a dotted, possibly indexed name; call {@link #asLists} on the root when done. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, String dotted, Object value) {
        String[] parts = dotted.split("\\.");
        Map<String, Object> current = root;
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            Matcher indexed = INDEXED.matcher(parts[i]);
            if (indexed.matches()) {
                Indexed list = (Indexed) current.computeIfAbsent(indexed.group(1), k -> new Indexed());
                int index = Integer.parseInt(indexed.group(2));
                if (last) {
                    list.put(index, value);
                    return;
                }
                current = (Map<String, Object>) list.computeIfAbsent(index, k -> new LinkedHashMap<String, Object>());
            } else if (last) {
                current.put(parts[i], value);
            } else {
                current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
            }
        }
    }

    /** The indexed entries {@link #put} collected, as JSON lists in index order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> asLists(Map<String, Object> map) {
        map.replaceAll((k, v) -> listed(v));
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Object listed(Object v) {
        if (v instanceof Indexed indexed) {
            List<Object> list = new ArrayList<>();
            indexed.values().forEach(e -> list.add(listed(e)));
            return list;
        }
        if (v instanceof Map<?, ?> m) {
            return asLists((Map<String, Object>) m);
        }
        return v;
    }

    static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        Arrays.stream(value.split("[,\\n]")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }
}
