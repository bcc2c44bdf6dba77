package app.rapport.reports.domain;

import app.rapport.platform.domain.DomainException;
import app.rapport.platform.domain.VersionCheck;
import app.rapport.platform.idempotency.IdempotentEffects;
import app.rapport.reports.plugin.LetterPdfRenderer;
import app.rapport.reports.repository.DirectoryRepository;
import app.rapport.reports.repository.DisclosureRepository;
import app.rapport.reports.repository.LetterRepository;
import app.rapport.reports.repository.ReferralRepository;
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
 * the report's path: the same consent gate, delivery plugins, disclosure log and {@link Sending}.
 */
@Singleton
public class Letters {

    private static final Logger LOG = LoggerFactory.getLogger(Letters.class);

    /** These writes record no event, so the outbox cannot mark a retried request as applied: they do. */
    private final IdempotentEffects idempotentEffects;
    private final LetterRepository letters;
    private final ReferralRepository referrals;
    private final DirectoryRepository directory;
    private final ConsentLedger consents;
    private final DisclosureRepository disclosures;
    private final DeliveryChoice delivery;
    private final LetterPdfRenderer pdf;
    private final ClinicCalendar calendar;
    private final Sending sending;

    public Letters(LetterRepository letters, ReferralRepository referrals, DirectoryRepository directory, ConsentLedger consents,
                   DisclosureRepository disclosures, DeliveryChoice delivery, LetterPdfRenderer pdf,
                   ClinicCalendar calendar, Sending sending, IdempotentEffects idempotentEffects) {
        this.idempotentEffects = idempotentEffects;
        this.letters = letters;
        this.referrals = referrals;
        this.directory = directory;
        this.consents = consents;
        this.disclosures = disclosures;
        this.delivery = delivery;
        this.pdf = pdf;
        this.calendar = calendar;
        this.sending = sending;
    }

    /** What the clinician writes; the kind decides which of the optional parts it needs. */
    public record Draft(String referralId, LetterKind kind, String practitionerId, @Nullable String currentCondition,
                        @Nullable String treatment, String question) {
    }

    @Transactional
    public Letter draft(String clinicId, String user, Draft d) {
        ReferralRecord referral = receivedReferral(clinicId, d.referralId());
        if (directory.find(clinicId, d.practitionerId()).isEmpty()) {
            throw DomainException.invalidField("practitionerId", "no practitioner with this id in the clinic's directory");
        }
        if (d.kind() == LetterKind.SECOND_OPINION_REQUEST && blank(d.currentCondition())) {
            throw DomainException.invalidField("currentCondition",
                    "a second-opinion request describes the patient's current condition");
        }
        if (d.kind() == LetterKind.TREATMENT_INQUIRY && blank(d.treatment())) {
            throw DomainException.invalidField("treatment", "name the prescription or treatment the question is about");
        }
        Instant now = calendar.now().truncatedTo(ChronoUnit.MILLIS);
        idempotentEffects.noteInCurrentTransaction();
        Letter letter = letters.save(new Letter(UUID.randomUUID().toString(), clinicId, referral.id(), d.kind(),
                d.practitionerId(), referral.patientReference(), trimmed(d.currentCondition()), trimmed(d.treatment()),
                d.question().trim(), Letter.Status.DRAFT, user, now, now, null, null, null, null, 0));
        LOG.info("Drafted {} {} on referral {}", d.kind(), letter.id(), referral.id());
        return letter;
    }

    /** The clinic's letters on one of its received referrals, oldest first; another clinic's referral is a 404. */
    public List<Letter> onReferral(String clinicId, String referralId) {
        receivedReferral(clinicId, referralId);
        return letters.findByClinicIdAndReferralIdOrderByCreatedAt(clinicId, referralId);
    }

    public Letter find(String clinicId, String letterId) {
        return letters.findByIdAndClinicId(letterId, clinicId).orElseThrow(() -> DomainException.notFound("Letter", letterId));
    }

    /** @throws DomainException 422 when the recipient left the directory copy */
    public LetterDocument assemble(Letter letter) {
        ReferralRecord referral = referrals.find(letter.clinicId(), letter.referralId())
                .orElseThrow(() -> new IllegalStateException("Letter " + letter.id() + " has no referral"));
        Practitioner recipient = directory.find(letter.clinicId(), letter.practitionerId())
                .orElseThrow(() -> DomainException.invalidField("practitionerId",
                        "the recipient is not in this clinic's directory"));
        return new LetterDocument(letter, referral, recipient, letter.clinicId());
    }

    /** A letter claimed for sending. */
    record Claimed(Letter letter, LetterDocument document, byte[] pdf, DeliveryChoice.Route route, Consent consent,
                   Disclosure disclosure) {
    }

    /**
     * Sends the letter the way {@link Sending} sends everything, under a consent to disclose to its
     * recipient valid today in the clinic's zone (409 consent-required otherwise, with the report's
     * reasons), decided under the consents' lock: the disclosure row and SENDING, the delivery
     * outside any transaction, then SENT. A refused delivery leaves nothing sent or logged.
     */
    public Disclosure send(String clinicId, String user, String letterId, @Nullable ReportChannel requested) {
        Claimed c = sending.send("letter", new Sending.Steps<>() {
            @Override
            public Claimed claim() {
                return Letters.this.claim(clinicId, user, letterId, requested);
            }

            @Override
            public void deliver(Claimed claimed) {
                claimed.route().delivery().deliver(claimed.document(), claimed.pdf(), claimed.route().destination());
            }

            @Override
            public void sent(Claimed claimed) {
                if (letters.markSent(claimed.letter().id(), now()) != 1) {
                    LOG.warn("Letter {} was no longer being sent when its delivery finished", claimed.letter().id());
                }
            }

            @Override
            public void refused(Claimed claimed, String why) {
                Letter l = claimed.letter();
                if (l.status() == Letter.Status.DELIVERY_UNCONFIRMED) {
                    letters.markUnconfirmed(l.id(), now());
                } else {
                    letters.release(l.id(), l.status().name(), now());
                    disclosures.deleteById(claimed.disclosure().id());
                }
                LOG.warn("Letter {} was not delivered ({}); back to {}", l.id(), why, l.status());
            }

            @Override
            public void unconfirmed(Claimed claimed, String why) {
                letters.markUnconfirmed(claimed.letter().id(), now());
                LOG.warn("Letter {} delivery unconfirmed: {}", claimed.letter().id(), why);
            }
        });
        LOG.info("Sent {} {} by {} under consent {}", c.letter().kind(), letterId, c.route().channel(), c.consent().id());
        return c.disclosure();
    }

    private Claimed claim(String clinicId, String user, String letterId, @Nullable ReportChannel requested) {
        Letter read = find(clinicId, letterId);
        refuseUnsendable(read);
        LocalDate today = calendar.today(clinicId);
        Consent consent = consents.requireLocked(clinicId, read.patientReference(), read.practitionerId(), null, today);
        Letter letter = letters.lock(letterId, clinicId).orElseThrow(() -> DomainException.notFound("Letter", letterId));
        refuseUnsendable(letter);
        LetterDocument document = assemble(letter);
        DeliveryChoice.Route route = delivery.choose(clinicId, document.recipient(), requested);
        byte[] rendered = pdf.render(document);

        Instant now = now();
        if (letters.claim(letter.id(), clinicId, letter.status().name(), letter.version(), now, route.channel().name(),
                consent.id()) != 1) {
            throw DomainException.conflict("Letter " + letterId + " was sent meanwhile");
        }
        Disclosure disclosure = letter.status() == Letter.Status.DELIVERY_UNCONFIRMED
                ? disclosures.findByClinicIdAndLetterId(clinicId, letterId).orElseThrow()
                : disclosures.save(new Disclosure(UUID.randomUUID().toString(), clinicId, null, null,
                letter.patientReference(), document.recipient().id(), document.recipient().displayName(),
                route.channel(), route.disclosedAddress(), consent.id(), user, now, letter.id(), letter.kind(),
                null, null, null));
        return new Claimed(letter, document, rendered, route, consent, disclosure);
    }

    /** Staff saw an unconfirmed letter arrive: SENT. */
    @Transactional
    public Letter confirmDelivered(String clinicId, String letterId, @Nullable String ifMatch) {
        Letter letter = letters.lock(letterId, clinicId).orElseThrow(() -> DomainException.notFound("Letter", letterId));
        if (letter.status() != Letter.Status.DELIVERY_UNCONFIRMED) {
            throw DomainException.conflict("Letter " + letterId + " is " + letter.status()
                    + "; only a letter whose delivery is unconfirmed can be confirmed").with("status", letter.status().name());
        }
        VersionCheck.check(ifMatch, letter.version(), "Letter " + letterId);
        letters.markSent(letterId, now());
        return find(clinicId, letterId);
    }

    private static void refuseUnsendable(Letter letter) {
        switch (letter.status()) {
            case SENT -> throw DomainException.conflict("Letter " + letter.id() + " was already sent")
                    .with("sentAt", letter.sentAt().toString());
            case SENDING -> throw DomainException.conflict("Letter " + letter.id() + " is being sent");
            default -> {
            }
        }
    }

    /**
     * The recovery step ({@link SendingRecovery}): letters SENDING since before {@code staleBefore}
     * belong to a sender that stopped, so they become DELIVERY_UNCONFIRMED for staff.
     *
     * @return how many
     */
    public long flagStaleSends(Instant staleBefore, Instant now) {
        return letters.flagUnconfirmed(staleBefore, now);
    }

    private Instant now() {
        return calendar.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private ReferralRecord receivedReferral(String clinicId, String referralId) {
        ReferralRecord referral = referrals.find(clinicId, referralId)
                .orElseThrow(() -> DomainException.notFound("Referral", referralId));
        if (!"RECEIVED".equals(referral.direction()) || referral.patientReference() == null) {
            throw DomainException.invalidField("referralId", "letters concern the patient of a received referral");
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
