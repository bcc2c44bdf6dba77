package app.rapport.contacts.plugin;

import app.rapport.contacts.domain.Specialty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a partner list as a spreadsheet saves it; the directory's part is tested over HTTP. */
class CsvPractitionerImporterTest {

    private final CsvPractitionerImporter importer = new CsvPractitionerImporter();

    @Test
    void readsColumnsInAnyOrderAndSpellingAndReportsRowsByTheLineTheyStartOn() {
        String csv = "\uFEFFSpecialty,First Name,last_name,E-mail,Phone,Notes,Tags,Zip,Address,City,State\n"
                + "OB/GYN,Maya,Okafor,m.okafor@example.com,(206) 555-0143,\"Met at grand rounds,\nlikes fax\",prenatal; vip,98102,1420 Eastlake Ave E,Seattle,WA\n"
                + "\n"
                + "astrologer,Cosmo,Star,,,,,,,,\n"
                + "Doula,Hannah,Lindqvist,,,,,,,,\n";
        List<ImportRow> rows = importer.parse(csv);

        assertThat(rows).extracting(ImportRow::line).containsExactly(2, 5, 6);
        ImportRow okafor = rows.get(0);
        assertThat(okafor.details().specialty()).isEqualTo(Specialty.OB_GYN);
        assertThat(okafor.details().lastName()).isEqualTo("Okafor");
        assertThat(okafor.details().notes()).isEqualTo("Met at grand rounds,\nlikes fax");
        assertThat(okafor.details().tags()).containsExactly("prenatal", "vip");
        assertThat(okafor.details().address().postalCode()).isEqualTo("98102");
        assertThat(okafor.details().address().country()).isEqualTo("US");
        assertThat(rows.get(1).details()).isNull();
        assertThat(rows.get(1).error()).startsWith("specialty: 'astrologer' is not one of");
        assertThat(rows.get(2).details().specialty()).isEqualTo(Specialty.DOULA);
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsOrWithUnknownOnesRejectsTheFileAtLineOne() {
        List<ImportRow> rows = importer.parse("name,specialty\nMaya Okafor,OB_GYN\n");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).line()).isEqualTo(1);
        assertThat(rows.get(0).error()).contains("lacks the columns firstName, lastName").contains("unknown columns name");
        assertThat(importer.parse("").get(0).error()).contains("empty");
    }

    @Test
    void isAPluginOnTheImporterExtensionPoint() {
        assertThat(importer.name()).isEqualTo("csv-practitioner-importer");
        assertThat(importer.extensionPoint()).isEqualTo("practitioner-importer");
        assertThat(importer.format()).isEqualTo("csv");
    }
}
