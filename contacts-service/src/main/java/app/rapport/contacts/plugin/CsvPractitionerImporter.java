package app.rapport.contacts.plugin;

import app.rapport.contacts.domain.PostalAddress;
import app.rapport.contacts.domain.PractitionerDetails;
import app.rapport.contacts.domain.RelationshipStage;
import app.rapport.contacts.domain.Specialty;
import app.rapport.contacts.domain.ThankYouChannel;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports a partner list saved from a spreadsheet as CSV. The first line names the columns, in any
 * order and spelling ("First name", "first_name", "firstName"); {@code firstName}, {@code lastName}
 * and {@code specialty} are required, the others optional. Tags are separated by {@code ;}.
 */
@Singleton
public class CsvPractitionerImporter implements PractitionerImporter {

    static final List<String> COLUMNS = List.of("firstName", "lastName", "credentials", "specialty", "organization",
            "npi", "email", "phone", "fax", "addressLine1", "addressLine2", "city", "region", "postalCode", "country",
            "preferredThankYouChannel", "stage", "tags", "notes");
    private static final Set<String> REQUIRED = Set.of("firstName", "lastName", "specialty");
    private static final Map<String, String> BY_KEY = COLUMNS.stream()
            .collect(Collectors.toMap(CsvPractitionerImporter::key, c -> c));

    @Override
    public String name() {
        return "csv-practitioner-importer";
    }

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String description() {
        return "Imports a partner list saved as CSV from a spreadsheet; columns: " + String.join(", ", COLUMNS);
    }

    @Override
    public List<ImportRow> parse(String content) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        List<ImportRow> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(stripBom(content)), format)) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                return List.of(ImportRow.rejected(1, "the file is empty; the first line must name the columns"));
            }
            Map<String, Integer> columns = new HashMap<>();
            CSVRecord header = records.next();
            List<String> unknown = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String column = BY_KEY.get(key(header.get(i)));
                if (column != null) {
                    columns.putIfAbsent(column, i);
                } else if (!header.get(i).isBlank()) {
                    unknown.add(header.get(i));
                }
            }
            List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).sorted().toList();
            if (!missing.isEmpty() || !unknown.isEmpty()) {
                return List.of(ImportRow.rejected(1, (missing.isEmpty() ? "" : "the header lacks the columns "
                        + String.join(", ", missing) + "; ") + (unknown.isEmpty() ? "" : "unknown columns "
                        + String.join(", ", unknown) + "; ") + "the columns are " + String.join(", ", COLUMNS)));
            }
            while (true) {
                // A record can span lines (a quoted note with line breaks): its line is where it starts.
                int line = (int) parser.getCurrentLineNumber() + 1;
                if (!records.hasNext()) {
                    break;
                }
                CSVRecord record = records.next();
                if (record.stream().allMatch(String::isBlank)) {
                    continue;
                }
                rows.add(row(line, record, columns));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException | IllegalStateException e) {
            // commons-csv reports a broken quote as an unchecked exception: everything after it is unreadable.
            rows.add(ImportRow.rejected(rows.isEmpty() ? 2 : rows.get(rows.size() - 1).line() + 1,
                    "the file cannot be read from here on: " + e.getMessage()));
        }
        return rows;
    }

    private static ImportRow row(int line, CSVRecord record, Map<String, Integer> columns) {
        Map<String, String> v = new HashMap<>();
        columns.forEach((column, index) -> {
            String value = index < record.size() ? record.get(index) : "";
            v.put(column, value.isBlank() ? null : value);
        });
        try {
            Specialty specialty = enumValue(Specialty.class, "specialty", v.get("specialty"));
            PostalAddress address = null;
            if (v.get("addressLine1") != null || v.get("city") != null) {
                address = new PostalAddress(v.get("addressLine1"), v.get("addressLine2"), v.get("city"), v.get("region"),
                        v.get("postalCode"), v.get("country") == null ? "US" : v.get("country").toUpperCase(Locale.ROOT));
            }
            List<String> tags = v.get("tags") == null ? null : Arrays.stream(v.get("tags").split(";"))
                    .map(String::strip).filter(t -> !t.isEmpty()).toList();
            return ImportRow.ok(line, new PractitionerDetails(v.get("firstName"), v.get("lastName"), v.get("credentials"),
                    specialty, v.get("organization"), v.get("npi"), v.get("email"), v.get("phone"), v.get("fax"), address,
                    enumValue(ThankYouChannel.class, "preferredThankYouChannel", v.get("preferredThankYouChannel")),
                    null, enumValue(RelationshipStage.class, "stage", v.get("stage")), null, tags, v.get("notes"), null));
        } catch (IllegalArgumentException e) {
            return ImportRow.rejected(line, e.getMessage());
        }
    }

    /** "OB/GYN", "ob-gyn" and "Ob Gyn" all read as OB_GYN. */
    private static <E extends Enum<E>> @Nullable E enumValue(Class<E> type, String column, @Nullable String text) {
        if (text == null) {
            return null;
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException(column + ": '" + text + "' is not one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    private static String key(String header) {
        String k = header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return switch (k) {
            case "address", "address1", "street" -> "addressline1";
            case "address2" -> "addressline2";
            case "state", "province" -> "region";
            case "zip", "zipcode", "postcode" -> "postalcode";
            case "thankyouchannel", "thankyou" -> "preferredthankyouchannel";
            case "emailaddress", "mail" -> "email";
            case "telephone", "phonenumber" -> "phone";
            case "faxnumber" -> "fax";
            default -> k;
        };
    }

    private static String stripBom(String content) {
        // Excel writes a byte-order mark in front of "CSV UTF-8" files.
        return content.startsWith("\uFEFF") ? content.substring(1) : content;
    }
}
