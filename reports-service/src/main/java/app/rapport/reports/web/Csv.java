package app.rapport.reports.web;

import java.lang.reflect.RecordComponent;
import java.util.List;

/** RFC 4180 CSV of a list of row records: a header of the record's component names, one line per row. */
public final class Csv {

    private Csv() {
    }

    public static <T extends Record> String of(Class<T> type, List<T> rows) {
        RecordComponent[] columns = type.getRecordComponents();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            out.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        out.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < columns.length; i++) {
                Object value;
                try {
                    value = columns[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i == 0 ? "" : ",").append(cell(value));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        // A leading = + - @ would run as a formula in a spreadsheet: prefix it (OWASP CSV injection).
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("^[-+]?[0-9.]+$")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
