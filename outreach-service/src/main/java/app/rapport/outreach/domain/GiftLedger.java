package app.rapport.outreach.domain;

import app.rapport.outreach.config.OutreachSettings;
import app.rapport.outreach.repository.GiftRepository;
import app.rapport.outreach.repository.PartnerRepository;
import app.rapport.platform.domain.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Every gift, per recipient and calendar year, checked against the recipient's yearly cap and
 * the no-cash rule before it is recorded. The cap counts across the whole group: a physician
 * listed by two clinics is one recipient, matched by NPI (ADR 304). A refused gift leaves no
 * trace and publishes nothing; an invitation's gift not taken up is reversed, once.
 */
@Singleton
public class GiftLedger {

    private final GiftRepository gifts;
    private final PartnerRepository partners;
    private final OutreachSettings settings;
    private final ActivityPublisher events;
    private final ClinicProfiles clinics;

    public GiftLedger(GiftRepository gifts, PartnerRepository partners, OutreachSettings settings,
                      ActivityPublisher events, ClinicProfiles clinics) {
        this.gifts = gifts;
        this.clinics = clinics;
        this.partners = partners;
        this.settings = settings;
        this.events = events;
    }

    /** What a recipient may still receive in a year; {@code given} is the whole group's gifts to them. */
    public record Allowance(String practitionerId, int year, boolean physician, BigDecimal cap, BigDecimal given,
                            BigDecimal remaining, String currency) {
    }

    public record GiftRequest(String practitionerId, GiftKind kind, @Nullable String description, BigDecimal amount,
                              String currency, LocalDate givenOn, @Nullable String taskId,
                              @Nullable String reason) {
    }

    public Allowance allowance(String clinicId, String practitionerId, int year) {
        Partner partner = partners.find(clinicId, practitionerId).orElseThrow(() -> unknownRecipient(practitionerId));
        return allowance(partner, year);
    }

    public Allowance allowance(Partner partner, int year) {
        BigDecimal cap = capFor(partner, year);
        BigDecimal given = gifts.groupTotalFor(partner.id(), partner.npi(), year).setScale(2, RoundingMode.UNNECESSARY);
        return new Allowance(partner.id(), year, partner.physician(), cap, given, GiftPolicy.remaining(given, cap),
                settings.giftCurrency());
    }

    /**
     * Checks and records a gift.
     *
     * @throws DomainException 422 with the reason and the remaining allowance when refused
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public Gift record(String clinicId, GiftRequest r, String user, Instant now) {
        if (r.amount().scale() > 2) {
            throw DomainException.invalidField("value.amount", "at most two decimal places");
        }
        // The ledger records what was given, not what is planned: a gift dated ahead would count
        // against a year's allowance before anything changed hands (issue 16, lawful thanks).
        LocalDate today = clinics.today(clinicId, now);
        if (r.givenOn().isAfter(today)) {
            throw DomainException.invalidField("givenOn",
                    "a gift is recorded once given; " + r.givenOn() + " is after today (" + today + ")");
        }
        // A gift entered after its year has closed changes a total people may already have relied on.
        boolean late = r.givenOn().getYear() != today.getYear();
        if (late && (r.reason() == null || r.reason().isBlank())) {
            throw DomainException.invalidField("reason", "a gift dated in " + r.givenOn().getYear()
                    + " is entered in " + today.getYear() + ": say why it is recorded late");
        }
        // The row locks make two gifts to one recipient, in any of the group's clinics, check the cap in turn.
        Partner partner = partners.lock(clinicId, r.practitionerId()).orElseThrow(() -> unknownRecipient(r.practitionerId()));
        if (partner.npi() != null) {
            partners.lockNpi(partner.npi());
        }
        int year = r.givenOn().getYear();
        Allowance allowance = allowance(partner, year);
        GiftPolicy.check(partner.physician(), r.kind(), r.amount(), r.currency(), allowance.given(), allowance.cap(),
                allowance.currency()).ifPresent(refusal -> {
                    throw new DomainException(DomainException.Refusal.INVALID, "gift-refused", "Gift refused",
                            refusal.message(), List.of(new DomainException.Field(refusal.field(), refusal.message())))
                            .with("reason", refusal.reason().name())
                            .with("remainingAllowance", allowance.remaining().toPlainString())
                            .with("currency", allowance.currency())
                            .with("annualCap", allowance.cap().toPlainString())
                            .with("year", year);
                });
        Gift gift = gifts.save(new Gift(UUID.randomUUID().toString(), clinicId, partner.id(), r.taskId(), r.kind(),
                r.description(), r.amount().setScale(2, RoundingMode.UNNECESSARY), r.currency(), r.givenOn(), year,
                user, now, late ? r.reason().strip() : null, null, null));
        events.giftRecorded(gift);
        return gift;
    }

    /**
     * Takes the gifts a task gave off the ledger (an invitation declined or skipped) and publishes
     * GiftReversed for each. A gift already reversed is left alone, so a repeat changes nothing.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<Gift> reverseForTask(String clinicId, String taskId, Gift.Reversal why, Instant now) {
        LocalDate today = clinics.today(clinicId, now);
        List<Gift> reversed = new java.util.ArrayList<>();
        for (Gift g : gifts.countedForTask(clinicId, taskId)) {
            if (gifts.reverse(g.id(), today, why.name()) == 1) {
                Gift r = g.reversed(today, why);
                events.giftReversed(r);
                reversed.add(r);
            }
        }
        return reversed;
    }

    private BigDecimal capFor(Partner partner, int year) {
        BigDecimal cap = partner.physician() ? settings.physicianAnnualCap(year) : settings.otherAnnualCap();
        return cap.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static DomainException unknownRecipient(String practitionerId) {
        return DomainException.invalidField("practitionerId",
                "practitioner " + practitionerId + " is not in this clinic's directory");
    }
}
