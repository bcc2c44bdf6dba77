package app.rapport.reports.domain;

import app.rapport.platform.web.ProblemException;
import app.rapport.reports.plugin.LetterPdfRenderer;
import app.rapport.reports.repository.DirectoryStore;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.LetterRepository;
import app.rapport.reports.repository.ReferralStore;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The second-opinion request and the treatment inquiry: drafted about the patient of a received
 * referral, sent to a directory practitioner. Sending discloses patient information, so it takes
 * the report's path: the same consent gate, delivery plugins and disclosure log, in one
 * transaction with the delivery last.
 */
@Singleton
public class Letters {

    private static final Logger LOG = LoggerFactory.getLogger(Letters.class);

    private final LetterRepository letters;
    private final ReferralStore referrals;
    private final DirectoryStore directory;
    private final ConsentLedger consents;
    private final DisclosureRepository disclosures;
    private final DeliveryChoice delivery;
    private final LetterPdfRenderer pdf;
    private final ClinicCalendar calendar;

    public Letters(LetterRepository letters, ReferralStore referrals, DirectoryStore directory, ConsentLedger consents,
                   DisclosureRepository disclosures, DeliveryChoice delivery, LetterPdfRenderer pdf,
                   ClinicCalendar calendar) {
        this.letters = letters;
        this.referrals = referrals;
        this.directory = directory;
        this.consents = consents;
        this.disclosures = disclosures;
        this.delivery = delivery;
        this.pdf = pdf;
        this.calendar = calendar;
    }

    /** What the clinician writes; the kind decides which of the optional parts it needs. */
    public record Draft(String referralId, LetterKind kind, String practitionerId, @Nullable String currentCondition,
                        @Nullable String treatment, String question) {
    }

    @Transactional
    public Letter draft(String clinicId, String user, Draft d) {
        ReferralRecord referral = receivedReferral(clinicId, d.referralId());
        if (directory.find(clinicId, d.practitionerId()).isEmpty()) {
            throw ProblemException.invalidField("practitionerId", "no practitioner with this id in the clinic's directory");
        }
        if (d.kind() == LetterKind.SECOND_OPINION_REQUEST && blank(d.currentCondition())) {
            throw ProblemException.invalidField("currentCondition",
                    "a second-opinion request describes the patient's current condition");
        }
        if (d.kind() == LetterKind.TREATMENT_INQUIRY && blank(d.treatment())) {
            throw ProblemException.invalidField("treatment", "name the prescription or treatment the question is about");
        }
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        Letter letter = letters.save(new Letter(UUID.randomUUID().toString(), clinicId, referral.id(), d.kind(),
                d.practitionerId(), referral.patientReference(), trimmed(d.currentCondition()), trimmed(d.treatment()),
                d.question().trim(), Letter.Status.DRAFT, user, now, now, null, null, null));
        LOG.info("Drafted {} {} on referral {}", d.kind(), letter.id(), referral.id());
        return letter;
    }

    /** The clinic's letters on one of its received referrals, oldest first; another clinic's referral is a 404. */
    public List<Letter> onReferral(String clinicId, String referralId) {
        receivedReferral(clinicId, referralId);
        return letters.findByClinicIdAndReferralIdOrderByCreatedAt(clinicId, referralId);
    }

    public Letter find(String clinicId, String letterId) {
        return letters.findByIdAndClinicId(letterId, clinicId).orElseThrow(() -> ProblemException.notFound("Letter", letterId));
    }

    /** @throws ProblemException 422 when the recipient left the directory copy */
    public LetterDocument assemble(Letter letter) {
        ReferralRecord referral = referrals.find(letter.clinicId(), letter.referralId())
                .orElseThrow(() -> new IllegalStateException("Letter " + letter.id() + " has no referral"));
        Practitioner recipient = directory.find(letter.clinicId(), letter.practitionerId())
                .orElseThrow(() -> ProblemException.invalidField("practitionerId",
                        "the recipient is not in this clinic's directory"));
        return new LetterDocument(letter, referral, recipient, letter.clinicId());
    }

    /**
     * Sends the letter under a consent to disclose to its recipient valid today in the clinic's
     * zone (409 consent-required otherwise, with the report's reasons), logs the disclosure and
     * delivers last: a refused delivery leaves nothing sent or logged.
     */
    @Transactional
    public Disclosure send(String clinicId, String user, String letterId, @Nullable ReportChannel requested) {
        Letter letter = find(clinicId, letterId);
        if (letter.status() == Letter.Status.SENT) {
            throw ProblemException.conflict("Letter " + letterId + " was already sent").with("sentAt", letter.sentAt().toString());
        }
        LocalDate today = calendar.today(clinicId);
        Consent consent = consents.require(clinicId, letter.patientReference(), letter.practitionerId(), null, today);
        LetterDocument document = assemble(letter);
        DeliveryChoice.Route route = delivery.choose(clinicId, document.recipient(), requested);
        byte[] rendered = pdf.render(document);

        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        if (letters.markSent(letter.id(), clinicId, now, route.channel().name(), consent.id()) != 1) {
            throw ProblemException.conflict("Letter " + letterId + " was sent meanwhile");
        }
        Disclosure disclosure = disclosures.save(new Disclosure(UUID.randomUUID().toString(), clinicId, null, null,
                letter.patientReference(), document.recipient().id(), document.recipient().displayName(),
                route.channel(), route.disclosedAddress(), consent.id(), user,
                now, letter.id(), letter.kind(), null, null, null));
        // Last: if the SMTP server refuses, the transaction rolls back and nothing counts as disclosed.
        route.delivery().deliver(document, rendered, route.destination());
        LOG.info("Sent {} {} by {} under consent {}", letter.kind(), letter.id(), route.channel(), consent.id());
        return disclosure;
    }

    private ReferralRecord receivedReferral(String clinicId, String referralId) {
        ReferralRecord referral = referrals.find(clinicId, referralId)
                .orElseThrow(() -> ProblemException.notFound("Referral", referralId));
        if (!"RECEIVED".equals(referral.direction()) || referral.patientReference() == null) {
            throw ProblemException.invalidField("referralId", "letters concern the patient of a received referral");
        }
        return referral;
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    @Nullable
    private static String trimmed(@Nullable String s) {
        return blank(s) ? null : s.trim();
    }
}
