package app.rapport.console.web;

import app.rapport.console.services.Doc;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A list page's filters and page number, as the address bar carries them: the links of the
 * pager keep the filters, and the filter form shows what is applied.
 */
public interface FilteredList {

    /** The page's own path, e.g. {@code /tasks}. */
    String path();

    /** The filters as the service's list endpoint takes them, empty ones left out. */
    Map<String, Object> filters();

    int page();

    default boolean filtered() {
        return !filters().isEmpty();
    }

    default FormState form() {
        Map<String, String> v = new LinkedHashMap<>();
        filters().forEach((k, val) -> v.put(k, String.valueOf(val)));
        return FormState.of(v);
    }

    default String pageHref(int number) {
        Map<String, Object> f = filters();
        if (number > 0) {
            f.put("page", number);
        }
        return path() + query(f);
    }

    default boolean hasNext(Doc answer, int size) {
        return answer.hasPageAfter(page(), size);
    }

    static String query(Map<String, Object> params) {
        StringJoiner q = new StringJoiner("&", "?", "");
        q.setEmptyValue("");
        params.forEach((k, v) -> q.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
        return q.toString();
    }
}
