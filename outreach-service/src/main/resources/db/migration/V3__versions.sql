-- Issue 15: every record a person edits carries a version, so a save made on a stale read is a 412
-- (If-Match) instead of silently replacing someone else's change; internal writes bump it too.
ALTER TABLE outreach_task    ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE message_template ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
ALTER TABLE weekly_goal      ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
