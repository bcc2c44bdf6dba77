-- Issue 14: a received referral finds or opens its patient in one statement (INSERT IGNORE on a
-- unique key) instead of a look-up and then an insert. The key cannot be the name and birth date
-- alone: an intake whose contact details disagree with the patient on file opens a second patient
-- of the same name (ADR 0205). So the oldest patient of a name and birth date, the one staff join,
-- has namesake '' and owns the key; every later namesake carries its own id and never collides.
ALTER TABLE patient ADD COLUMN namesake CHAR(36) NOT NULL DEFAULT '';

UPDATE patient p
SET p.namesake = p.id
WHERE EXISTS (SELECT 1
              FROM (SELECT id, clinic_id, last_name, first_name, birth_date, created_at FROM patient) older
              WHERE older.clinic_id = p.clinic_id AND older.last_name = p.last_name
                AND older.first_name = p.first_name AND older.birth_date = p.birth_date
                AND (older.created_at < p.created_at OR (older.created_at = p.created_at AND older.id < p.id)));

-- Replaces ix_patient_clinic: the same leading columns serve the same-name look-ups.
ALTER TABLE patient
    ADD CONSTRAINT uq_patient_namesake UNIQUE (clinic_id, last_name, first_name, birth_date, namesake),
    DROP INDEX ix_patient_clinic;
