-- Search of the referral list by patient or partner name (GET /referrals?q=). The tables use a
-- binary collation, so the names are kept folded to lower case in stored generated columns, each
-- both ways round ("elena marsh", "marsh elena"): a prefix of either - a first name, a last name,
-- "first last" or "last first" - is then a range scan of a (clinic_id, name) index.
ALTER TABLE patient
    ADD COLUMN search_name     VARCHAR(201) GENERATED ALWAYS AS (LOWER(CONCAT(first_name, ' ', last_name))) STORED,
    ADD COLUMN search_name_rev VARCHAR(201) GENERATED ALWAYS AS (LOWER(CONCAT(last_name, ' ', first_name))) STORED,
    ADD INDEX ix_patient_search_name (clinic_id, search_name),
    ADD INDEX ix_patient_search_name_rev (clinic_id, search_name_rev);

ALTER TABLE partner
    ADD COLUMN search_name     VARCHAR(201) GENERATED ALWAYS AS (LOWER(CONCAT(first_name, ' ', last_name))) STORED,
    ADD COLUMN search_name_rev VARCHAR(201) GENERATED ALWAYS AS (LOWER(CONCAT(last_name, ' ', first_name))) STORED,
    ADD INDEX ix_partner_search_name (clinic_id, search_name),
    ADD INDEX ix_partner_search_name_rev (clinic_id, search_name_rev);

-- The status chips of the list count a clinic's referrals per direction and status.
ALTER TABLE referral
    ADD INDEX ix_referral_clinic_direction_status (clinic_id, direction, status);
