-- Issue 16: the clinic profile's version (ClinicProfileUpdated), which status updates a partner
-- wants, and the folded name + organization the likely-duplicate check compares.

ALTER TABLE clinic_profile
    ADD COLUMN version INT NOT NULL DEFAULT 0;             -- ClinicProfileUpdated's version; 0 = never published

ALTER TABLE practitioner
    ADD COLUMN report_status_updates VARCHAR(100) NULL AFTER report_types, -- comma-separated StatusUpdate; NULL = all, '' = none
    ADD COLUMN name_key VARCHAR(402) NULL AFTER organization;

-- The same folding as PractitionerDirectory.nameKey: lower case, letters and digits only, parts joined by '|'.
-- The column's collation (utf8mb4_unicode_ci) makes the comparison accent-insensitive as well.
UPDATE practitioner
SET name_key = CONCAT_WS('|',
        REGEXP_REPLACE(LOWER(first_name), '[^\\p{L}\\p{N}]', ''),
        REGEXP_REPLACE(LOWER(last_name), '[^\\p{L}\\p{N}]', ''),
        REGEXP_REPLACE(LOWER(COALESCE(organization, '')), '[^\\p{L}\\p{N}]', ''));

ALTER TABLE practitioner
    MODIFY name_key VARCHAR(402) NOT NULL,
    ADD INDEX ix_practitioner_clinic_name_key (clinic_id, name_key);
