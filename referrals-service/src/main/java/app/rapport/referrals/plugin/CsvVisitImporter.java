package app.rapport.referrals.plugin;

import app.rapport.referrals.domain.VisitType;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The built-in visit importer: a practice-management system's visit export as CSV (RFC 4180,
 * a header row, comma-separated, quotes allowed). Columns, in any order, case-insensitive:
 * {@code visit_date} (2025-03-06 or 03/06/2025), {@code visit_type} (INITIAL_EVALUATION,
 * TREATMENT, RE_EVALUATION, DISCHARGE; spaces or hyphens allowed), then either {@code referral_id}
 * or {@code patient_first_name}, {@code patient_last_name}, {@code patient_birth_date}; optional
 * {@code billed_amount} (145.00, $145.00), {@code currency} and {@code appointment_id}.
 */
@Singleton
public class CsvVisitImporter implements VisitImporter {

    /** The plugin's name is the key of each clinic's on/off switch (plugin_setting), so it stays as it was. */
    public static final String NAME = "csv-visit-import";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final Pattern AMOUNT = Pattern.compile("^(0|[1-9][0-9]{0,11})(\\.[0-9]{1,4})?$");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern UUID = Pattern.compile("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    private final String defaultCurrency;

    public CsvVisitImporter(@Value("${rapport.referrals.visit-import.default-currency:USD}") String defaultCurrency) {
        this.defaultCurrency = defaultCurrency;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Imports visits from a practice-management system's CSV export; re-importing the same export adds nothing";
    }

    @Override
    public List<VisitLine> read(String content) {
        List<List<String>> rows = Csv.parse(content);
        List<VisitLine> lines = new ArrayList<>();
        if (rows.isEmpty()) {
            return lines;
        }
        Map<String, Integer> columns = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            columns.put(header.get(i).trim().toLowerCase(Locale.ROOT).replace(' ', '_'), i);
        }
        if (!columns.containsKey("visit_date") || !columns.containsKey("visit_type")) {
            lines.add(VisitLine.unreadable(1, "the header row must name visit_date and visit_type"));
            return lines;
        }
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            lines.add(readLine(r + 1, row, columns));
        }
        return lines;
    }

    private VisitLine readLine(int line, List<String> row, Map<String, Integer> columns) {
        LocalDate date = date(cell(row, columns, "visit_date"));
        if (date == null) {
            return VisitLine.unreadable(line, "visit_date is not a date (2025-03-06 or 03/06/2025)");
        }
        VisitType type;
        try {
            type = VisitType.valueOf(cell(row, columns, "visit_type").trim().toUpperCase(Locale.ROOT)
                    .replace(' ', '_').replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return VisitLine.unreadable(line, "visit_type must be INITIAL_EVALUATION, TREATMENT, RE_EVALUATION or DISCHARGE");
        }
        String referralId = blankToNull(cell(row, columns, "referral_id"));
        VisitImporter.PatientMatch patient = null;
        if (referralId != null) {
            referralId = referralId.toLowerCase(Locale.ROOT);
            if (!UUID.matcher(referralId).matches()) {
                return VisitLine.unreadable(line, "referral_id is not a referral id");
            }
        } else {
            String first = blankToNull(cell(row, columns, "patient_first_name"));
            String last = blankToNull(cell(row, columns, "patient_last_name"));
            LocalDate born = date(cell(row, columns, "patient_birth_date"));
            if (first == null || last == null || born == null) {
                return VisitLine.unreadable(line,
                        "give referral_id, or patient_first_name, patient_last_name and patient_birth_date");
            }
            patient = new VisitImporter.PatientMatch(first, last, born);
        }
        BigDecimal amount = null;
        String currency = null;
        String rawAmount = blankToNull(cell(row, columns, "billed_amount"));
        if (rawAmount != null) {
            String plain = rawAmount.replace("$", "").replace(",", "").trim();
            if (!AMOUNT.matcher(plain).matches()) {
                return VisitLine.unreadable(line, "billed_amount is not an amount (e.g. 145.00)");
            }
            amount = new BigDecimal(plain);
            String c = blankToNull(cell(row, columns, "currency"));
            currency = c == null ? defaultCurrency : c.toUpperCase(Locale.ROOT);
            if (!CURRENCY.matcher(currency).matches()) {
                return VisitLine.unreadable(line, "currency is not an ISO 4217 code (e.g. USD)");
            }
        }
        String appointment = blankToNull(cell(row, columns, "appointment_id"));
        if (appointment != null && appointment.length() > 100) {
            return VisitLine.unreadable(line, "appointment_id is longer than 100 characters");
        }
        return new VisitLine(line, referralId, patient, date, type, amount, currency, appointment, null);
    }

    private static String cell(List<String> row, Map<String, Integer> columns, String name) {
        Integer i = columns.get(name);
        return i == null || i >= row.size() ? "" : row.get(i).trim();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return s.contains("/") ? LocalDate.parse(s.trim(), US_DATE) : LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes. */
    static final class Csv {
        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            String s = text.startsWith("\uFEFF") ? text.substring(1) : text; // spreadsheet exports add a BOM
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
