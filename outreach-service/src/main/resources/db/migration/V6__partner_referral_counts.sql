-- Issue 14: no per-event query that grows with a partner's history (ADR 0016). The rules ask per
-- referral "how many has the clinic sent them?" and "how many did they send lately?"; the first is
-- a running count kept here, raised in the transaction that counts the referral, the second a count
-- over ix_referral_fact_partner that stops at the threshold.
CREATE TABLE partner_referral_count (
    clinic_id       VARCHAR(64) NOT NULL,
    practitioner_id CHAR(36)    NOT NULL,
    direction       VARCHAR(16) NOT NULL,        -- RECEIVED | SENT
    referrals       INT         NOT NULL,
    last_on         DATE        NOT NULL,        -- the latest day a referral in this direction happened
    PRIMARY KEY (clinic_id, practitioner_id, direction),
    -- the periodic check's "partners who referred at least n times"
    INDEX ix_partner_referral_count_direction (clinic_id, direction, referrals)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO partner_referral_count (clinic_id, practitioner_id, direction, referrals, last_on)
SELECT clinic_id, practitioner_id, direction, COUNT(*), MAX(occurred_on)
FROM referral_fact
GROUP BY clinic_id, practitioner_id, direction;

-- "Was a thank-you of this kind proposed for them within the window?" stops at the newest such
-- task instead of reading every one the partner ever had.
ALTER TABLE outreach_task
    ADD INDEX ix_task_partner_created (clinic_id, practitioner_id, type, created_at);
