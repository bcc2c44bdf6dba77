-- Issue 16: the clinic's identity from contacts-service, lawful thanks (group-wide physician cap,
-- reversible invitation gifts, late gifts with a reason), letters signed by the treating
-- clinician, and introductions for the weekly goal.

-- The NPI matches one physician across the group's clinics for the yearly gift cap.
ALTER TABLE partner
    ADD COLUMN npi CHAR(10) NULL AFTER credentials,
    ADD INDEX ix_partner_npi (npi);

-- Who signs the thank-you for a referral: the clinic's own clinician (not patient data).
ALTER TABLE referral_fact
    ADD COLUMN treating_name        VARCHAR(200) NULL,
    ADD COLUMN treating_credentials VARCHAR(100) NULL;

-- A late gift's reason; an invitation's gift taken back off the ledger when the offer was not
-- taken up (the row stays, for the audit, but no longer counts).
ALTER TABLE gift
    ADD COLUMN reason          VARCHAR(500) NULL,
    ADD COLUMN reversed_on     DATE         NULL,
    ADD COLUMN reversal_reason VARCHAR(32)  NULL,   -- INVITATION_DECLINED | INVITATION_SKIPPED
    ADD INDEX ix_gift_task (clinic_id, task_id),
    ADD INDEX ix_gift_recipient_group (practitioner_id, gift_year);

-- ClinicProfileUpdated, the highest version per clinic: name, zone, letterhead, focus niches.
CREATE TABLE clinic_profile (
    clinic_id      VARCHAR(64)  NOT NULL PRIMARY KEY,
    clinic_name    VARCHAR(200) NOT NULL,
    time_zone      VARCHAR(64)  NULL,
    location_name  VARCHAR(200) NULL,
    postal_address VARCHAR(600) NULL,            -- printable lines, newline separated
    phone          VARCHAR(20)  NULL,
    fax            VARCHAR(20)  NULL,
    email          VARCHAR(254) NULL,
    focus_niches   TEXT         NULL,            -- one niche per line
    version        BIGINT       NOT NULL,
    updated_at     TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- IntroductionRecorded: a partner introduced this prospect ("whom else do you trust?").
CREATE TABLE introduction (
    clinic_id          VARCHAR(64)  NOT NULL,
    id                 CHAR(36)     NOT NULL,
    practitioner_id    CHAR(36)     NOT NULL,
    introduced_by_id   CHAR(36)     NOT NULL,
    recorded_at        TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (clinic_id, id),
    INDEX ix_introduction_prospect (clinic_id, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
