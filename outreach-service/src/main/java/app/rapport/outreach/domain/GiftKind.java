package app.rapport.outreach.domain;

/**
 * What a gift is. The last three are cash or cash equivalents: the ledger refuses them, so they
 * never appear in a recorded gift or on the wire (the contract's GiftKind has no such values).
 */
public enum GiftKind {
    MEAL, FLOWERS, GIFT_BASKET, BOOK, SERVICE_CERTIFICATE, OTHER,
    CASH, CHECK, GIFT_CARD;

    public boolean isCashEquivalent() {
        return this == CASH || this == CHECK || this == GIFT_CARD;
    }
}
