-- Objective measures recorded per visit for a received referral's patient (pain NRS, ODI, ROM ...):
-- the source of a report's measures table, chart and FHIR Observations. `measure` is a key of the
-- catalogue in code (ObjectiveMeasure); the patient is the referral's, so no patient column here.
CREATE TABLE measurement (
    id            CHAR(36)      NOT NULL PRIMARY KEY,
    clinic_id     VARCHAR(64)   NOT NULL,
    referral_id   CHAR(36)      NOT NULL,
    measure       VARCHAR(40)   NOT NULL,
    value         DECIMAL(8, 2) NOT NULL,
    measured_on   DATE          NOT NULL,
    measured_by   VARCHAR(200)  NOT NULL,
    visit_number  INT           NULL,
    recorded_by   VARCHAR(200)  NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL,
    corrected_by  VARCHAR(200)  NULL,
    corrected_at  TIMESTAMP(6)  NULL,
    INDEX ix_measurement_referral (clinic_id, referral_id, measure, measured_on)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The measurements a report was sent with, as they were then: a report re-rendered later (the
-- print queue prints from the data) shows what was disclosed, not a later visit or correction.
CREATE TABLE sent_measurement (
    report_id     CHAR(36)      NOT NULL,
    id            CHAR(36)      NOT NULL,
    clinic_id     VARCHAR(64)   NOT NULL,
    referral_id   CHAR(36)      NOT NULL,
    measure       VARCHAR(40)   NOT NULL,
    value         DECIMAL(8, 2) NOT NULL,
    measured_on   DATE          NOT NULL,
    measured_by   VARCHAR(200)  NOT NULL,
    visit_number  INT           NULL,
    recorded_by   VARCHAR(200)  NOT NULL,
    recorded_at   TIMESTAMP(6)  NOT NULL,
    corrected_by  VARCHAR(200)  NULL,
    corrected_at  TIMESTAMP(6)  NULL,
    PRIMARY KEY (report_id, id),
    INDEX ix_sent_measurement_clinic (clinic_id, report_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
