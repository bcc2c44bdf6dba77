-- referrals-service: the referral ledger (both directions), its status history, visits, the
-- referred patients (minimum necessary), partner intake links and the local directory copy.

-- The clinic's copy of its partners, built from contacts.practitioners.v1. One row per clinic and
-- practitioner; the surrogate key keeps two clinics' copies apart even if an id repeats.
CREATE TABLE partner (
    seq             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    clinic_id       VARCHAR(64)  NOT NULL,
    practitioner_id CHAR(36)     NOT NULL,
    first_name      VARCHAR(100) NOT NULL,
    last_name       VARCHAR(100) NOT NULL,
    credentials     VARCHAR(100) NULL,
    specialty       VARCHAR(64)  NOT NULL,
    organization    VARCHAR(200) NULL,
    archived        BOOLEAN      NOT NULL,
    version         BIGINT       NOT NULL,
    updated_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_partner UNIQUE (clinic_id, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Only what the clinic needs to reach the patient and address the report: no address, no insurance.
CREATE TABLE patient (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id   VARCHAR(64)  NOT NULL,
    first_name  VARCHAR(100) NOT NULL,
    last_name   VARCHAR(100) NOT NULL,
    birth_date  DATE         NOT NULL,
    phone       VARCHAR(16)  NULL,
    email       VARCHAR(254) NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    INDEX ix_patient_clinic (clinic_id, last_name, first_name, birth_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE intake_link (
    id               CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id        VARCHAR(64)  NOT NULL,
    practitioner_id  CHAR(36)     NOT NULL,
    token_sha256     CHAR(64)     NOT NULL,   -- the token itself is shown once and never stored
    label            VARCHAR(200) NULL,
    expires_at       TIMESTAMP(6) NOT NULL,
    created_by       VARCHAR(128) NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL,
    revoked_at       TIMESTAMP(6) NULL,
    revoked_by       VARCHAR(128) NULL,
    -- Fixed-window rate limit kept here, so every replica counts against the same window.
    window_started_at TIMESTAMP(6) NULL,
    window_count      INT          NOT NULL DEFAULT 0,
    submissions       INT          NOT NULL DEFAULT 0,
    last_submitted_at TIMESTAMP(6) NULL,
    CONSTRAINT uq_intake_link_token UNIQUE (token_sha256),
    INDEX ix_intake_link_clinic (clinic_id, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE referral (
    id                        CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id                 VARCHAR(64)  NOT NULL,
    direction                 VARCHAR(16)  NOT NULL,
    kind                      VARCHAR(16)  NOT NULL,
    practitioner_id           CHAR(36)     NOT NULL,
    patient_id                CHAR(36)     NOT NULL,
    reason                    VARCHAR(2000) NOT NULL,
    diagnosis_codes           VARCHAR(255) NULL,   -- comma-separated ICD-10 codes, in the order given
    requested_service         VARCHAR(200) NULL,
    urgency                   VARCHAR(16)  NOT NULL,
    channel                   VARCHAR(16)  NOT NULL,
    referred_on               DATE         NOT NULL, -- received on (RECEIVED) or sent on (SENT)
    treating_id               VARCHAR(128) NULL,
    treating_name             VARCHAR(200) NULL,
    treating_credentials      VARCHAR(100) NULL,
    primary_care_practitioner_id CHAR(36)  NULL,
    intake_link_id            CHAR(36)     NULL,
    status                    VARCHAR(16)  NOT NULL,
    loop_closed_at            TIMESTAMP(6) NULL,
    loop_closed_report_id     CHAR(36)     NULL,
    loop_closed_to_practitioner_id CHAR(36) NULL,
    loop_closed_recipient_role VARCHAR(32) NULL,
    loop_closed_channel       VARCHAR(32)  NULL,
    created_by                VARCHAR(128) NOT NULL,
    created_at                TIMESTAMP(6) NOT NULL,
    updated_at                TIMESTAMP(6) NOT NULL,
    INDEX ix_referral_clinic_date (clinic_id, referred_on, created_at),
    INDEX ix_referral_clinic_partner (clinic_id, practitioner_id, referred_on),
    INDEX ix_referral_clinic_status (clinic_id, status, referred_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE referral_attachment (
    id           CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    referral_id  CHAR(36)     NOT NULL,
    list_order   INT          NOT NULL,
    file_name    VARCHAR(255) NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    size_bytes   BIGINT       NULL,
    description  VARCHAR(500) NULL,
    INDEX ix_attachment_clinic_referral (clinic_id, referral_id, list_order)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every move on the state machine, the first one (from NULL) included: who, when, why.
CREATE TABLE referral_status_change (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id   VARCHAR(64)  NOT NULL,
    referral_id CHAR(36)     NOT NULL,
    step        INT          NOT NULL,   -- 1 for the first status; orders history even within one second
    from_status VARCHAR(16)  NULL,
    to_status   VARCHAR(16)  NOT NULL,
    reason      VARCHAR(500) NULL,
    changed_by  VARCHAR(128) NOT NULL,
    changed_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_status_change_step UNIQUE (clinic_id, referral_id, step)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE visit (
    id            CHAR(36)      NOT NULL PRIMARY KEY,
    clinic_id     VARCHAR(64)   NOT NULL,
    referral_id   CHAR(36)      NOT NULL,
    visit_number  INT           NOT NULL,
    visit_date    DATE          NOT NULL,
    type          VARCHAR(32)   NOT NULL,
    billed_amount DECIMAL(16,4) NULL,
    currency      CHAR(3)       NULL,
    source        VARCHAR(100)  NOT NULL,   -- 'api' or the intake adapter's name
    external_ref  VARCHAR(100)  NULL,       -- e.g. the practice-management appointment id
    recorded_by   VARCHAR(128)  NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uq_visit_number UNIQUE (clinic_id, referral_id, visit_number),
    CONSTRAINT uq_visit_external UNIQUE (clinic_id, source, external_ref),
    INDEX ix_visit_clinic_referral (clinic_id, referral_id, visit_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
