-- Lists served by indexes (ADR 0012). The task list filters on any of type, status and partner and
-- reads by due date (due_on, created_at, id): one index per combination of those equality filters,
-- each followed by the order ("due by" and "overdue" are ranges on due_on, the order's first column).
ALTER TABLE outreach_task
    ADD INDEX ix_task_list (clinic_id, due_on, created_at),
    ADD INDEX ix_task_list_type (clinic_id, type, due_on, created_at),
    ADD INDEX ix_task_list_status (clinic_id, status, due_on, created_at),
    ADD INDEX ix_task_list_type_status (clinic_id, type, status, due_on, created_at),
    ADD INDEX ix_task_list_partner (clinic_id, practitioner_id, due_on, created_at),
    ADD INDEX ix_task_list_partner_type (clinic_id, practitioner_id, type, due_on, created_at),
    ADD INDEX ix_task_list_partner_status (clinic_id, practitioner_id, status, due_on, created_at),
    ADD INDEX ix_task_list_partner_type_status (clinic_id, practitioner_id, type, status, due_on, created_at),
    -- the same leading columns as ix_task_list_status and ix_task_list_partner_type, which now serve their queries
    DROP INDEX ix_outreach_task_due,
    DROP INDEX ix_outreach_task_partner;

-- The gift ledger, a year at a time, by day given: the clinic's and one recipient's.
ALTER TABLE gift
    ADD INDEX ix_gift_list (clinic_id, gift_year, given_on, recorded_at),
    ADD INDEX ix_gift_list_recipient (clinic_id, practitioner_id, gift_year, given_on, recorded_at),
    DROP INDEX ix_gift_recipient_year;
