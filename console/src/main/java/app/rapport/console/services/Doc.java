package app.rapport.console.services;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A JSON document from a service, read by dotted path in templates ({@code r.str("patient.lastName")}).
 * The console renders what the services answer and decides nothing from it, so it keeps no
 * typed copy of their models that would drift from the real ones.
 */
public final class Doc {

    private static final Doc EMPTY = new Doc(Map.of());
    private final Map<String, Object> values;

    public Doc(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    public static Doc empty() {
        return EMPTY;
    }

    @SuppressWarnings("unchecked")
    public static Doc of(Object value) {
        return value instanceof Map<?, ?> m ? new Doc((Map<String, Object>) m) : EMPTY;
    }

    public Object value(String path) {
        Object current = values;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    public boolean has(String path) {
        Object v = value(path);
        return v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof Collection<?> c && c.isEmpty());
    }

    /** The value as text, "" when absent (so templates need no null checks). */
    public String str(String path) {
        Object v = value(path);
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    public String str(String path, String fallback) {
        String s = str(path);
        return s.isEmpty() ? fallback : s;
    }

    public long num(String path) {
        Object v = value(path);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? 0 : Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    public boolean bool(String path) {
        return Boolean.TRUE.equals(value(path)) || "true".equals(value(path));
    }

    public Doc doc(String path) {
        return of(value(path));
    }

    public List<Doc> docs(String path) {
        List<Doc> out = new ArrayList<>();
        if (value(path) instanceof Collection<?> c) {
            c.forEach(o -> out.add(of(o)));
        }
        return out;
    }

    public List<String> strs(String path) {
        List<String> out = new ArrayList<>();
        if (value(path) instanceof Collection<?> c) {
            c.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    /** The list of a paged answer ({@code {"items": [...], "total": n}}). */
    public List<Doc> items() {
        return docs("items");
    }

    /**
     * A paged answer's total as people read it: exact, or "10000+" when the service stopped
     * counting ({@code totalCapped}: it counts a clinic's rows only up to a bound, so that a list
     * stays fast at a million rows).
     */
    public String totalText() {
        return bool("totalCapped") ? num("total") + "+" : Long.toString(num("total"));
    }

    /** "1" for one item, so a caption can say "1 task" and "10000+ tasks". */
    public boolean totalIsOne() {
        return !bool("totalCapped") && num("total") == 1;
    }

    /** How many pages of {@code size} the answer's total makes, "400+" when the total is capped. */
    public String pageCountText(int size) {
        long pages = Math.max(1, (num("total") + size - 1) / size);
        return bool("totalCapped") ? pages + "+" : Long.toString(pages);
    }

    /**
     * Whether a page after page {@code page} (from 0) exists. Past a capped total the service no
     * longer knows how many there are, so a full page means there may be another.
     */
    public boolean hasPageAfter(int page, int size) {
        if ((long) (page + 1) * size < num("total")) {
            return true;
        }
        return bool("totalCapped") && items().size() >= size;
    }

    public Map<String, Object> asMap() {
        return values;
    }
}
