package app.rapport.outreach.domain;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The rules a gift must pass before it enters the ledger. For physicians they follow the US
 * physician self-referral law's non-monetary compensation exception (42 CFR 411.357(k)): a yearly
 * aggregate cap per physician, adjusted by CMS every year, and no cash or cash equivalents. The
 * ledger refuses cash equivalents for every recipient: the event contract has no kind for them,
 * and the Anti-Kickback Statute makes cash to any referral source a risk not worth taking.
 */
public final class GiftPolicy {

    private GiftPolicy() {
    }

    /** Why a gift was refused, which request field is at fault, and what would still fit. */
    public record Refusal(Reason reason, String field, String message) {
    }

    public enum Reason { CASH_EQUIVALENT, OVER_ANNUAL_CAP, CURRENCY_MISMATCH, NOT_POSITIVE }

    /**
     * @param alreadyGiven what the recipient received from the clinic in the gift's calendar year
     * @param cap          the yearly cap for this recipient and year
     */
    public static Optional<Refusal> check(boolean physician, GiftKind kind, BigDecimal amount, String currency,
                                          BigDecimal alreadyGiven, BigDecimal cap, String capCurrency) {
        if (kind.isCashEquivalent()) {
            return Optional.of(new Refusal(Reason.CASH_EQUIVALENT, "kind", (physician
                    ? "Cash and cash equivalents (cash, checks, gift cards) may never be given to a physician"
                    : "Cash and cash equivalents (cash, checks, gift cards) are not given to referral partners")));
        }
        if (amount.signum() <= 0) {
            return Optional.of(new Refusal(Reason.NOT_POSITIVE, "value.amount", "must be greater than 0"));
        }
        if (!capCurrency.equals(currency)) {
            return Optional.of(new Refusal(Reason.CURRENCY_MISMATCH, "value.currency",
                    "the gift ledger keeps its caps in " + capCurrency));
        }
        BigDecimal remaining = remaining(alreadyGiven, cap);
        if (amount.compareTo(remaining) > 0) {
            return Optional.of(new Refusal(Reason.OVER_ANNUAL_CAP, "value.amount",
                    "over the yearly cap of " + cap.toPlainString() + " " + capCurrency + " for this "
                            + (physician ? "physician" : "recipient") + "; " + remaining.toPlainString() + " "
                            + capCurrency + " remain this year"));
        }
        return Optional.empty();
    }

    public static BigDecimal remaining(BigDecimal alreadyGiven, BigDecimal cap) {
        BigDecimal left = cap.subtract(alreadyGiven);
        return (left.signum() < 0 ? BigDecimal.ZERO : left).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
