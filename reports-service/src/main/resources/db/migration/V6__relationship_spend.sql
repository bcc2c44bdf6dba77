-- What the clinic spent on each relationship (gifts, invitations' free evaluations and
-- certificates), from outreach's GiftRecorded and GiftReversed: analytics subtracts it from what
-- a source's patients were billed. One row per gift; a reversal that arrives before its gift
-- creates the row with reversed_on already set, and the gift then only fills in its day.
CREATE TABLE gift_spend (
    clinic_id       VARCHAR(64)    NOT NULL,
    gift_id         CHAR(36)       NOT NULL,
    practitioner_id CHAR(36)       NOT NULL,
    amount          DECIMAL(12, 2) NOT NULL,
    currency        CHAR(3)        NOT NULL,
    given_on        DATE           NULL,   -- null until the GiftRecorded arrives
    reversed_on     DATE           NULL,   -- an invitation declined or skipped: not spent after all
    PRIMARY KEY (clinic_id, gift_id),
    INDEX ix_gift_spend_given (clinic_id, given_on, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
