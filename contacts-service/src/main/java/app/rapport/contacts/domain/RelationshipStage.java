package app.rapport.contacts.domain;

/** How warm the relationship with a partner is. */
public enum RelationshipStage {
    /** Known to the clinic, never approached. */
    PROSPECT,
    /** Approached (call, letter, packet), not met yet. */
    CONTACTED,
    /** Met in person or by video. */
    MET,
    /** Has referred at least one patient. */
    REFERRING,
    /** Went quiet; worth a check-in. */
    DORMANT
}
