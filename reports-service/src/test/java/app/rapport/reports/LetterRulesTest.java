package app.rapport.reports;

import app.rapport.platform.domain.DomainException;
import app.rapport.reports.domain.ClinicProfile;
import app.rapport.reports.domain.Letter;
import app.rapport.reports.domain.LetterDocument;
import app.rapport.reports.domain.LetterKind;
import app.rapport.reports.domain.LetterWording;
import app.rapport.reports.domain.Letterheads;
import app.rapport.reports.domain.Practitioner;
import app.rapport.reports.domain.ReferralRecord;
import app.rapport.reports.domain.ReportChannel;
import app.rapport.reports.domain.ReportDocument;
import app.rapport.reports.plugin.Destination;
import app.rapport.reports.plugin.ReportDelivery;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The letters' and letterhead's rules with no container: wording, signature, letterhead lines, plugins without letters. */
class LetterRulesTest {

    private static final ClinicProfile HARBOR = new ClinicProfile("harbor", "p", "Harbor Integrative Health",
            "America/Los_Angeles", "Downtown", "1201 Third Avenue", "Suite 400", "Seattle", "WA", "98101", "US",
            "+12065550100", null, null, null, null, 3);

    private static ReferralRecord referral(String treatingName, String credentials) {
        return new ReferralRecord("harbor", "r", "RECEIVED", "REFERRAL", "dr", "ACCEPTED", LocalDate.of(2025, 3, 3),
                null, null, List.of(), null, treatingName, credentials, "patient", "Elena", "Marsh",
                LocalDate.of(1991, 4, 17));
    }

    private static Letter letter(LetterKind kind, String condition, String treatment) {
        return new Letter("l", "harbor", "r", kind, "dr", "patient", condition, treatment, "What do you advise?",
                Letter.Status.DRAFT, "u", Instant.EPOCH, Instant.EPOCH, null, null, null, null, 0);
    }

    @Test
    void theSignatureIsTheTreatingCliniciansNameAndCredentialsThenTheClinic() {
        assertThat(Letterheads.signature(referral("Jordan Reyes", "DC"), HARBOR))
                .containsExactly("Jordan Reyes, DC", "Harbor Integrative Health");
        assertThat(Letterheads.signature(referral("Jordan Reyes", null), HARBOR))
                .containsExactly("Jordan Reyes", "Harbor Integrative Health");
        // No clinician named: the clinic signs, before its profile arrives by its id; never a placeholder.
        assertThat(Letterheads.signature(referral(null, null), HARBOR)).containsExactly("Harbor Integrative Health");
        assertThat(Letterheads.signature(referral(" ", null), null)).containsExactly("harbor");
    }

    @Test
    void theLetterheadListsOnlyWhatTheClinicGave() {
        assertThat(HARBOR.letterheadLines()).containsExactly("Downtown", "1201 Third Avenue", "Suite 400",
                "Seattle, WA 98101", "Phone +12065550100");
        assertThat(Letterheads.textBlock(HARBOR)).startsWith("Harbor Integrative Health\nDowntown\n");
        assertThat(Letterheads.textBlock(null)).isEmpty();
    }

    @Test
    void theInquiryAsksAndSaysTheClinicIsNotAdvisingTheSecondOpinionGivesTheCondition() {
        List<String> inquiry = LetterWording.body(letter(LetterKind.TREATMENT_INQUIRY, null, "a daily NSAID"));
        assertThat(String.join("\n", inquiry)).contains("a question about a daily NSAID", "Could you help me understand",
                LetterWording.NOT_ADVISING).doesNotContain("current condition");
        List<String> secondOpinion = LetterWording.body(letter(LetterKind.SECOND_OPINION_REQUEST, "NRS 6/10", null));
        assertThat(secondOpinion).containsSubsequence("This is the patient's current condition:", "NRS 6/10");
        assertThat(String.join("\n", secondOpinion)).contains(LetterWording.SECOND_OPINION);
        // Neither names the patient: the same paragraphs are the e-mail's text.
        assertThat(String.join("\n", inquiry) + String.join("\n", secondOpinion)).doesNotContain("Elena", "Marsh");
        assertThat(LetterWording.subject(LetterKind.TREATMENT_INQUIRY)).startsWith("Patient Records: Confidential");
    }

    @Test
    void aDeliveryPluginThatCannotCarryLettersRefusesNamingTheChannel() {
        ReportDelivery reportsOnly = new ReportDelivery() {
            public String name() {
                return "fax-reports-only";
            }

            public String description() {
                return "a third-party plugin written before letters existed";
            }

            public ReportChannel channel() {
                return ReportChannel.FAX;
            }

            public String destination(Practitioner recipient) {
                return recipient.fax();
            }

            public void deliver(ReportDocument document, byte[] pdf, Destination to) {
            }
        };
        LetterDocument doc = new LetterDocument(letter(LetterKind.TREATMENT_INQUIRY, null, "x"), referral("J", null),
                null, "harbor");
        DomainException refused = assertThrows(DomainException.class, () -> reportsOnly.deliver(doc, new byte[0], Destination.of("fax")));
        assertThat(refused.refusal()).isEqualTo(DomainException.Refusal.INVALID); // a 422 at the web edge
        assertThat(refused.fields()).extracting(DomainException.Field::name).containsExactly("channel");
    }
}
