package app.rapport.referrals.plugin;

import app.rapport.referrals.domain.VisitType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a practice-management export: quoting, US dates, dollar amounts, and lines it cannot read. */
class CsvVisitImporterTest {

    private final CsvVisitImporter csv = new CsvVisitImporter("USD");

    @Test
    void readsQuotedFieldsUsDatesAndDollarAmounts() {
        String export = "\uFEFFAppointment ID,Patient First Name,Patient Last Name,Patient Birth Date,Visit Date,Visit Type,Billed Amount\r\n"
                + "A-1,\"Elena\",\"Marsh, Jr.\",04/17/1991,03/06/2025,Initial Evaluation,\"$1,145.00\"\r\n"
                + "A-2,Elena,Marsh,1991-04-17,2025-03-10,treatment,\r\n";
        List<VisitImporter.VisitLine> lines = csv.read(export);
        assertThat(lines).hasSize(2);
        VisitImporter.VisitLine first = lines.get(0);
        assertThat(first.problem()).isNull();
        assertThat(first.line()).isEqualTo(2);
        assertThat(first.patient().lastName()).isEqualTo("Marsh, Jr.");
        assertThat(first.patient().birthDate()).isEqualTo(LocalDate.of(1991, 4, 17));
        assertThat(first.visitDate()).isEqualTo(LocalDate.of(2025, 3, 6));
        assertThat(first.type()).isEqualTo(VisitType.INITIAL_EVALUATION);
        assertThat(first.billedAmount()).isEqualByComparingTo(new BigDecimal("1145.00"));
        assertThat(first.currency()).isEqualTo("USD");
        assertThat(first.externalRef()).isEqualTo("A-1");
        assertThat(lines.get(1).billedAmount()).isNull();
        assertThat(lines.get(1).type()).isEqualTo(VisitType.TREATMENT);
    }

    @Test
    void unreadableLinesComeBackWithTheirReason() {
        String export = "referral_id,visit_date,visit_type,billed_amount\n"
                + "not-an-id,2025-03-06,TREATMENT,\n"
                + "b3cdda68-69ae-4307-b051-9c4ec24c51ae,2025-13-40,TREATMENT,\n"
                + "b3cdda68-69ae-4307-b051-9c4ec24c51ae,2025-03-06,MASSAGE,\n"
                + "b3cdda68-69ae-4307-b051-9c4ec24c51ae,2025-03-06,TREATMENT,-5\n"
                + ",2025-03-06,TREATMENT,\n";
        List<VisitImporter.VisitLine> lines = csv.read(export);
        assertThat(lines).extracting(VisitImporter.VisitLine::problem).containsExactly(
                "referral_id is not a referral id",
                "visit_date is not a date (2025-03-06 or 03/06/2025)",
                "visit_type must be INITIAL_EVALUATION, TREATMENT, RE_EVALUATION or DISCHARGE",
                "billed_amount is not an amount (e.g. 145.00)",
                "give referral_id, or patient_first_name, patient_last_name and patient_birth_date");
    }

    @Test
    void anExportWithoutTheNeededColumnsSaysSo() {
        assertThat(csv.read("date,kind\n2025-03-06,TREATMENT\n")).singleElement()
                .satisfies(l -> assertThat(l.problem()).contains("visit_date and visit_type"));
    }
}
