-- The clinic's referral-partner directory. Every row carries clinic_id; every index starts with it.

CREATE TABLE practitioner (
    id                          CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id                   VARCHAR(64)  NOT NULL,
    first_name                  VARCHAR(100) NOT NULL,
    last_name                   VARCHAR(100) NOT NULL,
    credentials                 VARCHAR(100) NULL,
    specialty                   VARCHAR(40)  NOT NULL,
    organization                VARCHAR(200) NULL,
    npi                         CHAR(10)     NULL,
    email                       VARCHAR(254) NULL,     -- lower case
    phone                       VARCHAR(16)  NULL,     -- E.164
    fax                         VARCHAR(16)  NULL,     -- E.164
    address_line1               VARCHAR(200) NULL,
    address_line2               VARCHAR(200) NULL,
    address_city                VARCHAR(100) NULL,
    address_region              VARCHAR(100) NULL,
    address_postal_code         VARCHAR(20)  NULL,
    address_country             CHAR(2)      NULL,
    preferred_thank_you_channel VARCHAR(20)  NOT NULL,
    report_types                VARCHAR(64)  NULL,     -- comma-separated ReportType; NULL = no preferences stated
    report_every_visits         INT          NULL,
    report_every_weeks          INT          NULL,
    report_channel              VARCHAR(10)  NULL,
    stage                       VARCHAR(20)  NOT NULL,
    owner                       VARCHAR(128) NULL,     -- the staff member who looks after the relationship
    notes                       TEXT         NULL,
    physician_override          BOOLEAN      NULL,     -- NULL: derived from specialty and credentials
    introduced_by               CHAR(36)     NULL,
    archived                    BOOLEAN      NOT NULL DEFAULT FALSE,
    archived_at                 TIMESTAMP(6) NULL,
    archive_reason              VARCHAR(500) NULL,
    referrals_received          INT          NOT NULL DEFAULT 0,
    first_referral_received_on  DATE         NULL,
    last_referral_received_on   DATE         NULL,
    referrals_sent              INT          NOT NULL DEFAULT 0,
    first_referral_sent_on      DATE         NULL,
    last_referral_sent_on       DATE         NULL,
    last_contact_at             TIMESTAMP(6) NULL,
    version                     INT          NOT NULL, -- the snapshot version on the events
    created_at                  TIMESTAMP(6) NOT NULL,
    updated_at                  TIMESTAMP(6) NOT NULL,
    -- A partner is entered once per clinic: the duplicate check answers 409 first, these catch a race.
    CONSTRAINT uq_practitioner_npi UNIQUE (clinic_id, npi),
    CONSTRAINT uq_practitioner_email UNIQUE (clinic_id, email),
    CONSTRAINT uq_practitioner_phone UNIQUE (clinic_id, phone),
    CONSTRAINT uq_practitioner_fax UNIQUE (clinic_id, fax),
    INDEX ix_practitioner_clinic_name (clinic_id, last_name, first_name),
    INDEX ix_practitioner_clinic_specialty (clinic_id, specialty, stage)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE practitioner_tag (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    clinic_id       VARCHAR(64)  NOT NULL,
    practitioner_id CHAR(36)     NOT NULL,
    tag             VARCHAR(50)  NOT NULL,
    CONSTRAINT uq_practitioner_tag UNIQUE (clinic_id, practitioner_id, tag),
    INDEX ix_practitioner_tag_clinic_tag (clinic_id, tag)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE practitioner_stage_change (
    id              CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id       VARCHAR(64)  NOT NULL,
    practitioner_id CHAR(36)     NOT NULL,
    from_stage      VARCHAR(20)  NULL,                -- NULL: entered the directory in to_stage
    to_stage        VARCHAR(20)  NOT NULL,
    reason          VARCHAR(500) NULL,
    changed_by      VARCHAR(128) NOT NULL,
    changed_at      TIMESTAMP(6) NOT NULL,
    version         INT          NOT NULL,            -- the practitioner's snapshot version after the change: the order
    INDEX ix_stage_change_clinic_practitioner (clinic_id, practitioner_id, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE introduction (
    id                         CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id                  VARCHAR(64)  NOT NULL,
    practitioner_id            CHAR(36)     NOT NULL, -- who was introduced
    introduced_by_practitioner CHAR(36)     NOT NULL, -- the partner who made the introduction
    note                       VARCHAR(500) NULL,
    recorded_by                VARCHAR(128) NOT NULL,
    recorded_at                TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_introduction UNIQUE (clinic_id, introduced_by_practitioner, practitioner_id),
    INDEX ix_introduction_clinic_introduced (clinic_id, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- A clinic's own focus → specialties map: overrides of the defaults in code, and focuses it defined.
CREATE TABLE target_focus (
    id          CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id   VARCHAR(64)  NOT NULL,
    focus       VARCHAR(48)  NOT NULL,
    specialties VARCHAR(400) NOT NULL,                -- comma-separated Specialty
    updated_by  VARCHAR(128) NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_target_focus UNIQUE (clinic_id, focus)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What the clinic tells its partners about itself; one per clinic, kept as the JSON document the API takes.
CREATE TABLE clinic_profile (
    clinic_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    profile    MEDIUMTEXT   NOT NULL,
    updated_by VARCHAR(128) NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
