-- Lists served by indexes (ADR 0012): each filter the directory search takes, followed by its A–Z
-- order, so a page reads its 20 rows in order instead of sorting the clinic's directory.
-- (The primary key id ends every secondary index, so "last_name, first_name, id" is served.)
ALTER TABLE practitioner
    ADD INDEX ix_practitioner_list (clinic_id, archived, last_name, first_name),
    ADD INDEX ix_practitioner_list_specialty (clinic_id, archived, specialty, last_name, first_name),
    ADD INDEX ix_practitioner_list_stage (clinic_id, archived, stage, last_name, first_name),
    ADD INDEX ix_practitioner_list_specialty_stage (clinic_id, archived, specialty, stage, last_name, first_name),
    -- includeArchived: the same filters without the archived column
    ADD INDEX ix_practitioner_all_specialty (clinic_id, specialty, last_name, first_name),
    ADD INDEX ix_practitioner_all_stage (clinic_id, stage, last_name, first_name),
    ADD INDEX ix_practitioner_all_specialty_stage (clinic_id, specialty, stage, last_name, first_name);

-- A partner's introductions, newest first.
ALTER TABLE introduction
    ADD INDEX ix_introduction_by_partner (clinic_id, introduced_by_practitioner, recorded_at DESC, id);
