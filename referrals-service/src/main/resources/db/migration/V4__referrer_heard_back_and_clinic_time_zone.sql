-- The loop closes when the referring practitioner heard back: a report to them, or the status
-- update telling them the referral was declined (no report follows a decline). A report to the
-- patient's PCP alone is kept apart, as when the PCP was reported to, and leaves the loop open.
ALTER TABLE referral
    ADD COLUMN loop_closed_status_update_id CHAR(36)     NULL,
    ADD COLUMN pcp_reported_at              TIMESTAMP(6) NULL;

-- Under the earlier rule a report to the PCP closed the loop too: those loops reopen, and the
-- report stays as the day the PCP was reported to. (A report to the referrer that came after it
-- was not kept then, so such a referral shows open until the next report or update to the referrer.)
UPDATE referral
   SET pcp_reported_at = loop_closed_at,
       loop_closed_at = NULL,
       loop_closed_report_id = NULL,
       loop_closed_to_practitioner_id = NULL,
       loop_closed_recipient_role = NULL,
       loop_closed_channel = NULL
 WHERE loop_closed_recipient_role = 'PRIMARY_CARE';

-- Each clinic's time zone, from contacts-service's ClinicProfileUpdated (highest version kept): it
-- decides the day a referral was accepted, which no visit may precede.
CREATE TABLE clinic_time_zone (
    clinic_id  VARCHAR(64)  NOT NULL PRIMARY KEY,
    time_zone  VARCHAR(64)  NOT NULL,
    version    BIGINT       NOT NULL,
    updated_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
