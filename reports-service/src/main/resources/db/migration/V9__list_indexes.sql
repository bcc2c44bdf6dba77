-- Lists served by indexes (ADR 0012). The reports queue filters on any of status, recipient and
-- referral and reads newest first (queued_at DESC, id): an index per filter, followed by the order.
-- (A referral has a handful of reports, so its index also serves referral + status + recipient.)
ALTER TABLE report
    ADD INDEX ix_report_list (clinic_id, queued_at DESC, id),
    ADD INDEX ix_report_list_status (clinic_id, status, queued_at DESC, id),
    ADD INDEX ix_report_list_recipient (clinic_id, practitioner_id, queued_at DESC, id),
    ADD INDEX ix_report_list_recipient_status (clinic_id, practitioner_id, status, queued_at DESC, id),
    ADD INDEX ix_report_list_referral (clinic_id, referral_id, queued_at DESC, id),
    -- the same leading columns as ix_report_list_status, which now serves its queries
    DROP INDEX ix_report_clinic_status;

-- A patient's consents, newest first.
ALTER TABLE consent
    ADD INDEX ix_consent_list (clinic_id, patient_reference, recorded_at);

-- A referral's measurements in the order they were taken.
ALTER TABLE measurement
    ADD INDEX ix_measurement_list (clinic_id, referral_id, measured_on, recorded_at);

-- The print queue, oldest first, with or without the printed jobs.
ALTER TABLE print_job
    ADD INDEX ix_print_job_list (clinic_id, queued_at);
