-- Who a received referral is about and why, as referrals.patients.v1 (PatientReferred) tells it
-- (ADR 0206). Kept apart from `referral` because the two arrive on different topics, in either
-- order: each event writes its own row, and the report is queued once both are here. Both
-- handlers first upsert this row, so the second of the two waits for the first and sees it.
CREATE TABLE referral_patient (
    clinic_id           VARCHAR(64)   NOT NULL,
    referral_id         CHAR(36)      NOT NULL,
    patient_reference   CHAR(36)      NULL,
    first_name          VARCHAR(100)  NULL,
    last_name           VARCHAR(100)  NULL,
    birth_date          DATE          NULL,
    reason              VARCHAR(2000) NULL,
    diagnosis_codes     VARCHAR(200)  NULL,       -- comma-separated ICD-10
    PRIMARY KEY (clinic_id, referral_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO referral_patient (clinic_id, referral_id, patient_reference, first_name, last_name, birth_date, reason,
                              diagnosis_codes)
SELECT clinic_id, id, patient_reference, patient_first_name, patient_last_name, patient_birth_date, reason,
       diagnosis_codes
FROM referral
WHERE direction = 'RECEIVED';

-- One place for them: referral keeps the pseudonymous patient_reference only.
ALTER TABLE referral
    DROP COLUMN patient_first_name,
    DROP COLUMN patient_last_name,
    DROP COLUMN patient_birth_date,
    DROP COLUMN reason,
    DROP COLUMN diagnosis_codes;
