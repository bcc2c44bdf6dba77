-- Issue 15: a referral and an intake link carry a version that every change bumps, so a person's
-- change made on a stale read is a 412 (If-Match) instead of silently replacing another's.
ALTER TABLE referral    ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE intake_link ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
