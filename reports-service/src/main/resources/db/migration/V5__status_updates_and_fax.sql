-- Status updates to the referring practitioner (accepted, scheduled, first visit, declined,
-- completed), the partner's address for the printed records' envelope, and fax by hand from the
-- print queue.

-- reportPreferences.statusUpdates: NULL when the snapshot did not say (all five kinds), '' for none,
-- else comma-separated kinds. The partner's postal address addresses the envelope of printed records.
ALTER TABLE practitioner
    ADD COLUMN status_updates VARCHAR(100) NULL,
    ADD COLUMN address_line1  VARCHAR(200) NULL,
    ADD COLUMN address_line2  VARCHAR(200) NULL,
    ADD COLUMN city           VARCHAR(100) NULL,
    ADD COLUMN region         VARCHAR(100) NULL,
    ADD COLUMN postal_code    VARCHAR(20)  NULL,
    ADD COLUMN country        CHAR(2)      NULL;

-- One short update per referral and kind: PENDING until the sender claims it (SENDING), then SENT,
-- or back to PENDING after a failed delivery until max attempts, then FAILED.
CREATE TABLE status_update (
    id              CHAR(36)      NOT NULL PRIMARY KEY,
    clinic_id       VARCHAR(64)   NOT NULL,
    referral_id     CHAR(36)      NOT NULL,
    practitioner_id CHAR(36)      NOT NULL,   -- the referring practitioner
    kind            VARCHAR(20)   NOT NULL,   -- StatusUpdateKind
    reason          VARCHAR(2000) NULL,       -- the decline reason, for DECLINED only
    occurred_on     DATE          NOT NULL,   -- the clinic's day the referral moved
    status          VARCHAR(10)   NOT NULL,
    attempts        INT           NOT NULL,
    last_error      VARCHAR(500)  NULL,
    channel         VARCHAR(10)   NULL,       -- how it went (or is going) out
    -- An explicit default: else MariaDB/MySQL without explicit_defaults_for_timestamp make the first
    -- TIMESTAMP column ON UPDATE CURRENT_TIMESTAMP, and every claim would move the creation time.
    created_at      TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at      TIMESTAMP(6)  NOT NULL,
    claimed_at      TIMESTAMP(6)  NULL,
    sent_at         TIMESTAMP(6)  NULL,
    -- Behind the inbox: a replayed event under a new id still makes no second update.
    CONSTRAINT uq_status_update_kind UNIQUE (clinic_id, referral_id, kind),
    INDEX ix_status_update_due (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A disclosure is a report's, a letter's or a status update's; a status update needs no consent
-- (treatment coordination, no clinical detail) and says so in `basis`.
ALTER TABLE disclosure
    MODIFY consent_id CHAR(36) NULL,
    ADD COLUMN status_update_id CHAR(36)     NULL,
    ADD COLUMN status_update    VARCHAR(20)  NULL,
    ADD COLUMN basis            VARCHAR(200) NULL,
    ADD CONSTRAINT uq_disclosure_status_update UNIQUE (clinic_id, status_update_id);

-- A print job may print a status update, and may be a fax that staff send by hand (cover sheet first).
ALTER TABLE print_job
    ADD COLUMN status_update_id CHAR(36)    NULL,
    ADD COLUMN fax_by_hand      BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN fax_number       VARCHAR(20) NULL;
