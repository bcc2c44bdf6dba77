-- Issue 15: a clinic's own focus entries carry a version that every change bumps, so a person's
-- change made on a stale read is a 412 (If-Match). Practitioners and the clinic profile already
-- have one (V1, V2); from now on every change a person makes to a practitioner bumps it too.
ALTER TABLE target_focus ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
