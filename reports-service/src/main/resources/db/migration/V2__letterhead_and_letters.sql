-- The clinic's identity for letters (ClinicProfileUpdated), the new letters, and their place in
-- the disclosure log and the print queue.

-- The clinic profile as contacts-service last told it: the highest version wins.
CREATE TABLE clinic_profile (
    clinic_id        VARCHAR(64)  NOT NULL PRIMARY KEY,
    profile_id       CHAR(36)     NOT NULL,
    clinic_name      VARCHAR(200) NOT NULL,
    time_zone        VARCHAR(64)  NOT NULL,   -- IANA zone: decides the clinic's "today"
    location_name    VARCHAR(200) NULL,
    address_line1    VARCHAR(200) NOT NULL,
    address_line2    VARCHAR(200) NULL,
    city             VARCHAR(100) NOT NULL,
    region           VARCHAR(100) NULL,
    postal_code      VARCHAR(20)  NULL,
    country          CHAR(2)      NOT NULL,
    phone            VARCHAR(20)  NULL,
    fax              VARCHAR(20)  NULL,
    email            VARCHAR(254) NULL,
    logo_media_type  VARCHAR(20)  NULL,       -- image/png or image/jpeg
    logo             MEDIUMBLOB   NULL,       -- at most 64 KiB by the contract
    version          INT          NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A letter about a patient of a received referral to a directory practitioner: the
-- second-opinion request or the respectful inquiry about a treatment. Disclosed like a report.
CREATE TABLE letter (
    id                CHAR(36)      NOT NULL PRIMARY KEY,
    clinic_id         VARCHAR(64)   NOT NULL,
    referral_id       CHAR(36)      NOT NULL,
    kind              VARCHAR(30)   NOT NULL,   -- LetterKind
    practitioner_id   CHAR(36)      NOT NULL,   -- the recipient
    patient_reference CHAR(36)      NOT NULL,
    current_condition TEXT          NULL,       -- what the clinician writes: history and examination summary
    treatment         VARCHAR(1000) NULL,       -- the prescription or treatment an inquiry asks about
    question          TEXT          NOT NULL,
    status            VARCHAR(10)   NOT NULL,   -- DRAFT or SENT
    written_by        VARCHAR(200)  NOT NULL,
    created_at        TIMESTAMP(6)  NOT NULL,
    updated_at        TIMESTAMP(6)  NOT NULL,
    sent_at           TIMESTAMP(6)  NULL,
    sent_channel      VARCHAR(10)   NULL,
    consent_id        CHAR(36)      NULL,
    INDEX ix_letter_referral (clinic_id, referral_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A disclosure is a report's or a letter's.
ALTER TABLE disclosure
    MODIFY report_id   CHAR(36)    NULL,
    MODIFY report_type VARCHAR(10) NULL,
    ADD COLUMN letter_id   CHAR(36)    NULL,
    ADD COLUMN letter_kind VARCHAR(30) NULL,
    ADD CONSTRAINT uq_disclosure_letter UNIQUE (clinic_id, letter_id);

-- A print job prints a report or a letter.
ALTER TABLE print_job
    MODIFY report_id CHAR(36) NULL,
    ADD COLUMN letter_id CHAR(36) NULL;
