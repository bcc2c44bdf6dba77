-- reports-service: local copies built from events (directory, referrals, visits, thank-yous),
-- the reports themselves, consents, the disclosure log and the print queue.

-- Local copy of the clinic's directory (contacts.practitioners.v1): the report's recipients.
CREATE TABLE practitioner (
    clinic_id            VARCHAR(64)  NOT NULL,
    id                   CHAR(36)     NOT NULL,
    first_name           VARCHAR(100) NOT NULL,
    last_name            VARCHAR(100) NOT NULL,
    credentials          VARCHAR(100) NULL,
    specialty            VARCHAR(40)  NOT NULL,
    organization         VARCHAR(200) NULL,
    email                VARCHAR(254) NULL,
    fax                  VARCHAR(20)  NULL,
    -- reportPreferences; has_report_preferences false means "none stated": clinic defaults apply
    has_report_preferences BOOLEAN    NOT NULL,
    report_types         VARCHAR(100) NULL,   -- comma-separated ReportType values
    every_visits         INT          NULL,
    every_weeks          INT          NULL,
    report_channel       VARCHAR(10)  NULL,
    archived             BOOLEAN      NOT NULL,
    version              INT          NOT NULL,
    PRIMARY KEY (clinic_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Every referral of the clinic in both directions (referrals.referrals.v1). Received ones carry
-- the patient the report is about; sent ones only count towards the partner's balance.
CREATE TABLE referral (
    clinic_id               VARCHAR(64)   NOT NULL,
    id                      CHAR(36)      NOT NULL,
    direction               VARCHAR(10)   NOT NULL,
    kind                    VARCHAR(20)   NOT NULL,
    practitioner_id         CHAR(36)      NOT NULL,
    status                  VARCHAR(20)   NOT NULL,
    referred_on             DATE          NOT NULL,   -- receivedOn or sentOn
    reason                  VARCHAR(2000) NULL,
    requested_service       VARCHAR(200)  NULL,
    diagnosis_codes         VARCHAR(200)  NULL,       -- comma-separated ICD-10
    primary_care_id         CHAR(36)      NULL,
    treating_name           VARCHAR(200)  NULL,
    treating_credentials    VARCHAR(100)  NULL,
    patient_reference       CHAR(36)      NULL,
    patient_first_name      VARCHAR(100)  NULL,
    patient_last_name       VARCHAR(100)  NULL,
    patient_birth_date      DATE          NULL,
    PRIMARY KEY (clinic_id, id),
    INDEX ix_referral_partner (clinic_id, practitioner_id, referred_on),
    INDEX ix_referral_patient (clinic_id, patient_reference)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Visits of referred patients (VisitRecorded): conversion, revenue per source, cadence.
CREATE TABLE visit (
    clinic_id       VARCHAR(64)    NOT NULL,
    id              CHAR(36)       NOT NULL,
    referral_id     CHAR(36)       NOT NULL,
    practitioner_id CHAR(36)       NOT NULL,
    visit_date      DATE           NOT NULL,
    type            VARCHAR(30)    NOT NULL,
    visit_number    INT            NOT NULL,
    billed_amount   DECIMAL(16, 4) NULL,
    currency        CHAR(3)        NULL,
    PRIMARY KEY (clinic_id, id),
    INDEX ix_visit_referral (clinic_id, referral_id, visit_date)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Completed thank-you tasks (OutreachTaskCompleted type THANK_YOU): turnaround per partner.
CREATE TABLE thank_you (
    clinic_id       VARCHAR(64) NOT NULL,
    task_id         CHAR(36)    NOT NULL,
    practitioner_id CHAR(36)    NOT NULL,
    referral_id     CHAR(36)    NULL,
    channel         VARCHAR(30) NOT NULL,
    due_on          DATE        NOT NULL,
    completed_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (clinic_id, task_id),
    INDEX ix_thank_you_partner (clinic_id, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE report (
    id                CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id         VARCHAR(64)  NOT NULL,
    referral_id       CHAR(36)     NOT NULL,
    practitioner_id   CHAR(36)     NOT NULL,   -- the recipient
    recipient_role    VARCHAR(30)  NOT NULL,
    type              VARCHAR(10)  NOT NULL,
    sequence_number   INT          NOT NULL,   -- 1 for the first report of this type to this recipient
    status            VARCHAR(20)  NOT NULL,
    patient_reference CHAR(36)     NOT NULL,
    content           MEDIUMTEXT   NULL,       -- ReportContent as JSON; never leaves this service except rendered
    queued_at         TIMESTAMP(6) NOT NULL,
    updated_at        TIMESTAMP(6) NOT NULL,
    sent_at           TIMESTAMP(6) NULL,
    sent_channel      VARCHAR(10)  NULL,
    consent_id        CHAR(36)     NULL,
    -- Second guard behind the inbox: a redelivered ReferralReceived can never queue a second report.
    CONSTRAINT uq_report_recipient UNIQUE (clinic_id, referral_id, practitioner_id, type, sequence_number),
    INDEX ix_report_clinic_status (clinic_id, status, queued_at),
    INDEX ix_report_patient (clinic_id, patient_reference, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE consent (
    id                CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id         VARCHAR(64)  NOT NULL,
    patient_reference CHAR(36)     NOT NULL,
    practitioner_id   CHAR(36)     NOT NULL,   -- the recipient the patient allows us to disclose to
    scope             VARCHAR(100) NOT NULL,   -- comma-separated ReportType values
    valid_from        DATE         NOT NULL,
    valid_to          DATE         NULL,       -- null: until revoked
    obtained_via      VARCHAR(30)  NOT NULL,
    recorded_by       VARCHAR(200) NOT NULL,
    recorded_at       TIMESTAMP(6) NOT NULL,
    revoked_at        TIMESTAMP(6) NULL,
    revoked_by        VARCHAR(200) NULL,
    revocation_reason VARCHAR(500) NULL,
    INDEX ix_consent_patient (clinic_id, patient_reference, practitioner_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The accounting of disclosures: one row per report that left the clinic, written in the
-- same transaction as the report's SENT status and its ReportSent event.
CREATE TABLE disclosure (
    id                CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id         VARCHAR(64)  NOT NULL,
    report_id         CHAR(36)     NOT NULL,
    report_type       VARCHAR(10)  NOT NULL,
    patient_reference CHAR(36)     NOT NULL,
    practitioner_id   CHAR(36)     NOT NULL,
    recipient_name    VARCHAR(250) NOT NULL,
    channel           VARCHAR(10)  NOT NULL,
    address           VARCHAR(254) NULL,      -- e-mail address; null for the print queue
    consent_id        CHAR(36)     NOT NULL,
    disclosed_by      VARCHAR(200) NOT NULL,
    disclosed_at      TIMESTAMP(6) NOT NULL,
    CONSTRAINT uq_disclosure_report UNIQUE (clinic_id, report_id),
    INDEX ix_disclosure_patient (clinic_id, patient_reference, disclosed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE print_job (
    id           CHAR(36)     NOT NULL PRIMARY KEY,
    clinic_id    VARCHAR(64)  NOT NULL,
    report_id    CHAR(36)     NOT NULL,
    recipient_name VARCHAR(250) NOT NULL,
    queued_at    TIMESTAMP(6) NOT NULL,
    printed_at   TIMESTAMP(6) NULL,
    printed_by   VARCHAR(200) NULL,
    INDEX ix_print_job_clinic (clinic_id, printed_at, queued_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
